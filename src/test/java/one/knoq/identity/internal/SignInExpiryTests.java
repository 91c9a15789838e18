package one.knoq.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Sign-ins whose rows say they are too old or idle too long are refused over HTTP. */
class SignInExpiryTests extends ServerTest {

  @Autowired SignInRepository signIns;
  @Autowired JdbcTemplate jdbc;

  private record Planted(String id, String token) {}

  private Planted plant(long startedAt) {
    var me = newMember().get("/api/auth/me").json();
    String token = Tokens.generate();
    String id =
        signIns.insert(Tokens.hash(token), me.at("/user/id").asString(), me.at("/organisation/id").asString(), startedAt);
    return new Planted(id, token);
  }

  private long lastUsed(String id) {
    return jdbc.queryForObject("select last_used_at from sign_ins where id = ?", Long.class, id);
  }

  @Test
  void a_sign_in_idle_for_seven_days_is_over() {
    var planted = plant(System.currentTimeMillis() - Duration.ofDays(8).toMillis());
    assertThat(anonymous().withCookie(planted.token()).get("/api/auth/me").status()).isEqualTo(401);
  }

  @Test
  void a_sign_in_older_than_thirty_days_is_over_even_if_used() {
    long now = System.currentTimeMillis();
    var planted = plant(now - Duration.ofDays(31).toMillis());
    signIns.touch(planted.id(), now - 60_000);
    assertThat(anonymous().withCookie(planted.token()).get("/api/auth/me").status()).isEqualTo(401);
  }

  @Test
  void use_is_recorded_only_when_the_last_record_is_an_hour_old() {
    long now = System.currentTimeMillis();
    var recent = plant(now - Duration.ofMinutes(10).toMillis());
    var stale = plant(now - Duration.ofHours(2).toMillis());
    long recentBefore = lastUsed(recent.id());

    assertThat(anonymous().withCookie(recent.token()).get("/api/auth/me").status()).isEqualTo(200);
    assertThat(anonymous().withCookie(stale.token()).get("/api/auth/me").status()).isEqualTo(200);

    assertThat(lastUsed(recent.id())).isEqualTo(recentBefore);
    assertThat(lastUsed(stale.id())).isGreaterThanOrEqualTo(now);
  }
}
