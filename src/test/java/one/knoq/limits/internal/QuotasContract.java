package one.knoq.limits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import one.knoq.identity.Plan;
import one.knoq.limits.RateLimit;
import one.knoq.limits.Usage;
import one.knoq.web.ApiException;
import one.knoq.web.ErrorBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.IllegalTransactionStateException;
import tools.jackson.databind.json.JsonMapper;

/** The monthly query quota and cost cap of spec 3 and 7, run against the subclass's database. */
abstract class QuotasContract extends LimitsContextTest {

  private static final YearMonth MAY = YearMonth.of(2026, 5);

  private Attempts attempts;

  @BeforeEach
  void midMay() {
    attempts = attempts();
    clock.set("2026-05-20T10:00:00Z");
  }

  @Test
  void queries_are_admitted_up_to_the_quota_then_refused_until_the_next_month() {
    String org = organisations.add(Plan.FREE, 3, "5");
    clock.set("2026-05-31T23:59:30Z");
    for (int i = 0; i < 3; i++) {
      attempts.admitted(() -> quotas.admitQuery(org));
    }

    var refusal = attempts.refused(() -> quotas.admitQuery(org));
    assertThat(refusal.getMessage()).isEqualTo("monthly query quota exhausted");
    assertThat(refusal.retryAfterSeconds()).isEqualTo(30);

    clock.set("2026-06-01T00:00:00Z");
    attempts.admitted(() -> quotas.admitQuery(org));
    assertThat(quotas.usage(org, MAY).queries()).isEqualTo(3);
    assertThat(quotas.usage(org, MAY.plusMonths(1)).queries()).isEqualTo(1);
  }

  @Test
  void racing_queries_never_exceed_the_quota() throws Exception {
    String org = organisations.add(Plan.TEAM, 10, "500");

    int admitted = attempts.race(40, () -> quotas.admitQuery(org));

    assertThat(admitted).isEqualTo(10);
    assertThat(quotas.usage(org, MAY).queries()).isEqualTo(10);
  }

  @Test
  void reaching_the_cost_cap_refuses_with_month_to_date_and_cap_as_numbers() {
    String org = organisations.add(Plan.FREE, 200, "5");
    quotas.recordCost(org, clock.millis(), new BigDecimal("2.5"));
    attempts.admitted(() -> quotas.admitQuery(org));
    quotas.recordCost(org, clock.millis(), new BigDecimal("2.75"));

    var refusal = attempts.refused(() -> quotas.admitQuery(org));

    assertThat(refusal.getMessage()).isEqualTo("monthly cost cap reached");
    assertThat(refusal.retryAfterSeconds()).isEqualTo(11 * 86_400 + 14 * 3_600);
    assertThat(JsonMapper.builder().build().writeValueAsString(ErrorBodies.body(refusal)))
        .contains("\"error\":\"monthly cost cap reached\"")
        .contains("\"monthToDateUsd\":5.25")
        .contains("\"capUsd\":5.0");
    assertThat(quotas.usage(org, MAY).queries()).isEqualTo(1);
  }

  @Test
  void below_the_cap_queries_are_admitted() {
    String org = organisations.add(Plan.FREE, 200, "5");
    quotas.recordCost(org, clock.millis(), new BigDecimal("4.999999"));

    attempts.admitted(() -> quotas.admitQuery(org));
  }

  @Test
  void an_expired_plan_allows_no_queries() {
    String org = organisations.add(Plan.EXPIRED);

    assertThatThrownBy(() -> transactions.executeWithoutResult(s -> quotas.admitQuery(org)))
        .isInstanceOf(ApiException.Forbidden.class)
        .hasMessage("Your organisation's plan does not allow new sessions");
    assertThat(quotas.usage(org, MAY).queries()).isZero();
  }

  @Test
  void a_rolled_back_query_counts_nothing() {
    String org = organisations.add(Plan.FREE, 2, "5");
    for (int i = 0; i < 5; i++) {
      attempts.rolledBack(() -> quotas.admitQuery(org));
    }

    attempts.admitted(() -> quotas.admitQuery(org));
    attempts.admitted(() -> quotas.admitQuery(org));
    attempts.refused(() -> quotas.admitQuery(org));
  }

  @Test
  void a_quota_refusal_undoes_the_same_requests_rate_limit_admission() {
    String org = organisations.add(Plan.FREE, 0, "5");
    String user = "user-" + UUID.randomUUID();

    attempts.refused(
        () -> {
          rateLimiter.admit(user, RateLimit.MESSAGE);
          quotas.admitQuery(org);
        });

    assertThat(
            jdbc.queryForObject(
                "select count(*) from rate_limit_admissions where user_id = ?", Long.class, user))
        .isZero();
  }

  @Test
  void admission_requires_the_callers_transaction() {
    String org = organisations.add(Plan.FREE);

    assertThatThrownBy(() -> quotas.admitQuery(org))
        .isInstanceOf(IllegalTransactionStateException.class);
  }

  @Test
  void cost_counts_in_the_month_the_turn_ended() {
    String org = organisations.add(Plan.SOLO);
    long lastMilliOfApril = Instant.parse("2026-04-30T23:59:59.999Z").toEpochMilli();

    quotas.recordCost(org, lastMilliOfApril, new BigDecimal("1.234567"));

    assertThat(quotas.usage(org, MAY.minusMonths(1)).monthToDateUsd())
        .isEqualByComparingTo("1.234567");
    assertThat(quotas.usage(org, MAY).monthToDateUsd()).isEqualByComparingTo("0");
  }

  @Test
  void racing_costs_all_count() throws Exception {
    String org = organisations.add(Plan.SOLO);

    attempts.race(20, () -> quotas.recordCost(org, clock.millis(), new BigDecimal("0.1")));

    assertThat(quotas.usage(org, MAY).monthToDateUsd()).isEqualByComparingTo("2.0");
  }

  @Test
  void usage_reports_the_month_with_the_organisations_allowances() {
    String org = organisations.add(Plan.TEAM, 1234, "99.5");
    attempts.admitted(() -> quotas.admitQuery(org));
    quotas.recordCost(org, clock.millis(), new BigDecimal("0.42"));

    Usage usage = quotas.usage(org, quotas.currentMonth());

    assertThat(usage.month()).isEqualTo(MAY);
    assertThat(usage.queries()).isEqualTo(1);
    assertThat(usage.queryLimit()).isEqualTo(1234);
    assertThat(usage.monthToDateUsd()).isEqualByComparingTo("0.42");
    assertThat(usage.capUsd()).isEqualByComparingTo("99.5");
    assertThat(quotas.usage(org, YearMonth.of(2025, 1)))
        .extracting(Usage::queries, u -> u.monthToDateUsd().signum())
        .containsExactly(0L, 0);
  }

  @Test
  void an_unknown_organisation_is_not_found() {
    assertThatThrownBy(() -> quotas.usage("no-such-org", MAY))
        .isInstanceOf(ApiException.NotFound.class);
  }
}
