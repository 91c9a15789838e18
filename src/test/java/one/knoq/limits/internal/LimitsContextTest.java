package one.knoq.limits.internal;

import one.knoq.limits.Quotas;
import one.knoq.limits.RateLimiter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits tests on the whole application context, with a settable clock and fake organisations.
 * Subclasses name the database; tests share its context, so each uses its own user and organisation
 * ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(LimitsTestConfiguration.class)
abstract class LimitsContextTest {

  @Autowired MutableClock clock;
  @Autowired FakeOrganisations organisations;
  @Autowired RateLimiter rateLimiter;
  @Autowired Quotas quotas;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  Attempts attempts() {
    return new Attempts(transactions);
  }
}
