package one.knoq.limits;

import java.math.BigDecimal;
import java.time.YearMonth;

/** The organisation's monthly query quota and cost cap (calendar month, UTC). */
public interface Quotas {

  /**
   * Counts one query against the organisation's current month, inside the caller's transaction, or
   * throws {@code ApiException.TooManyRequests} (quota or cost cap exhausted; Retry-After until the
   * next month) or {@code ApiException.Forbidden} (plan allows no queries).
   */
  void admitQuery(String organisationId);

  /** Adds a finished (or cancelled, or failed) turn's model cost to the month it ended in. */
  void recordCost(String organisationId, long atEpochMillis, BigDecimal usd);

  /**
   * The organisation's usage in {@code month} (zeros for a month without any), with its current
   * query limit and cost cap; throws {@code ApiException.NotFound} for an unknown organisation.
   */
  Usage usage(String organisationId, YearMonth month);

  /** The calendar month (UTC) that is current by the server's clock. */
  YearMonth currentMonth();
}
