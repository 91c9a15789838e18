package one.knoq.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

class BootstrapTests extends ServerTest {

  @Autowired Bootstrap bootstrap;
  @Autowired JdbcTemplate jdbc;

  private int bootstrapOrganisations() {
    return jdbc.queryForObject(
        "select count(*) from organisations where name = ?", Integer.class, Bootstrap.ORGANISATION_NAME);
  }

  @Test
  void the_first_start_created_one_business_organisation_with_the_configured_admin() {
    assertThat(bootstrapOrganisations()).isEqualTo(1);
    var me = admin().get("/api/auth/me").json();
    assertThat(me.at("/organisation/plan").asString()).isEqualTo("business");
    assertThat(me.at("/organisation/role").asString()).isEqualTo("admin");
  }

  @Test
  void starting_again_does_not_bootstrap_again() {
    bootstrap.afterSingletonsInstantiated();
    assertThat(bootstrapOrganisations()).isEqualTo(1);
  }

  @Test
  void a_second_node_racing_past_the_first_check_loses_on_the_guard_row() {
    assertThatThrownBy(
            () -> jdbc.update("insert into identity_bootstrap (id, created_at) values (1, ?)", System.currentTimeMillis()))
        .isInstanceOf(DuplicateKeyException.class);
  }
}
