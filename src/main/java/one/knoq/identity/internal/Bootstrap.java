package one.knoq.identity.internal;

import java.time.Clock;
import one.knoq.identity.Organisation;
import one.knoq.identity.Plan;
import one.knoq.identity.Role;
import one.knoq.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start on an empty database: one Business organisation and its admin. Runs before the web
 * server accepts requests. The single-row {@code identity_bootstrap} table decides which node does
 * it when several start at once: the loser's insert conflicts and it backs off.
 */
@Component
class Bootstrap implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
  static final String ORGANISATION_NAME = "Default organisation";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final JdbcOrganisations organisations;
  private final UserRepository users;
  private final MembershipRepository memberships;
  private final Passwords passwords;
  private final IdentitySettings settings;
  private final Clock clock;

  Bootstrap(
      JdbcTemplate jdbc,
      TransactionTemplate transaction,
      JdbcOrganisations organisations,
      UserRepository users,
      MembershipRepository memberships,
      Passwords passwords,
      IdentitySettings settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.organisations = organisations;
    this.users = users;
    this.memberships = memberships;
    this.passwords = passwords;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (jdbc.queryForObject("select count(*) from identity_bootstrap", Integer.class) > 0) {
      return;
    }
    String email = settings.effectiveAdminEmail();
    String password = settings.hasAdminPassword() ? settings.adminPassword() : Tokens.random(18);
    try {
      Passwords.validate(password);
    } catch (ApiException.BadRequest e) {
      throw new IllegalStateException("KNOQ_ADMIN_PASSWORD is not acceptable: " + e.getMessage());
    }
    try {
      transaction.executeWithoutResult(status -> create(email, password));
    } catch (DuplicateKeyException e) {
      LOG.info("another node has bootstrapped the database");
      return;
    }
    if (!settings.hasAdminPassword()) {
      // the only time this password is ever visible; it is stored only as a hash
      LOG.warn(
          "First start: created admin {} of \"{}\" with the generated password: {}"
              + "  (shown once; set KNOQ_ADMIN_PASSWORD to choose it)",
          email, ORGANISATION_NAME, password);
    } else {
      LOG.info("First start: created admin {} of \"{}\"", email, ORGANISATION_NAME);
    }
  }

  private void create(String email, String password) {
    long now = clock.millis();
    jdbc.update("insert into identity_bootstrap (id, created_at) values (1, ?)", now);
    Organisation organisation = organisations.create(ORGANISATION_NAME, Plan.BUSINESS);
    String userId = users.insert(email, "Administrator", passwords.hash(password), now);
    memberships.insert(organisation.id(), userId, Role.ADMIN, now);
  }
}
