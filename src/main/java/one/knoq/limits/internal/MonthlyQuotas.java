package one.knoq.limits.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import one.knoq.identity.Organisation;
import one.knoq.identity.Organisations;
import one.knoq.limits.Quotas;
import one.knoq.limits.Usage;
import one.knoq.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monthly query quota and cost cap over the usage ledger. Admission locks the organisation's month
 * row in the caller's transaction, so concurrent queries never push the count past the quota and a
 * rolled-back request counts nothing.
 */
@Service
class MonthlyQuotas implements Quotas {

  static final String PLAN_FORBIDS = "Your organisation's plan does not allow new sessions";
  static final String QUOTA_EXHAUSTED = "monthly query quota exhausted";
  static final String CAP_REACHED = "monthly cost cap reached";

  private final UsageLedger ledger;
  private final Organisations organisations;
  private final Clock clock;

  MonthlyQuotas(UsageLedger ledger, Organisations organisations, Clock clock) {
    this.ledger = ledger;
    this.organisations = organisations;
    this.clock = clock;
  }

  // A refusal marks the caller's transaction rollback-only, undoing e.g. its rate-limit admission.
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void admitQuery(String organisationId) {
    Organisation organisation = organisation(organisationId);
    if (!organisation.plan().allowsQueries()) {
      throw new ApiException.Forbidden(PLAN_FORBIDS);
    }
    var now = clock.instant();
    YearMonth month = UtcMonths.of(now);
    var used = ledger.lock(organisationId, month);
    if (used.queries() >= organisation.queryLimit()) {
      throw new ApiException.TooManyRequests(QUOTA_EXHAUSTED, UtcMonths.secondsUntilNext(now));
    }
    if (used.costUsd().compareTo(organisation.capUsd()) >= 0) {
      throw new ApiException.TooManyRequests(
          CAP_REACHED,
          UtcMonths.secondsUntilNext(now),
          Map.of(
              "monthToDateUsd", used.costUsd().doubleValue(),
              "capUsd", organisation.capUsd().doubleValue()));
    }
    ledger.addQuery(organisationId, month);
  }

  @Override
  @Transactional
  public void recordCost(String organisationId, long atEpochMillis, BigDecimal usd) {
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("a turn's cost cannot be negative: " + usd);
    }
    ledger.addCost(organisationId, UtcMonths.of(Instant.ofEpochMilli(atEpochMillis)), usd);
  }

  @Override
  @Transactional(readOnly = true)
  public Usage usage(String organisationId, YearMonth month) {
    Organisation organisation = organisation(organisationId);
    var used = ledger.find(organisationId, month);
    return new Usage(
        month, used.queries(), organisation.queryLimit(), used.costUsd(), organisation.capUsd());
  }

  @Override
  public YearMonth currentMonth() {
    return UtcMonths.of(clock.instant());
  }

  private Organisation organisation(String organisationId) {
    return organisations
        .find(organisationId)
        .orElseThrow(() -> new ApiException.NotFound("organisation not found"));
  }
}
