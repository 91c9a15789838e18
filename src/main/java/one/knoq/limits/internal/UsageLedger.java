package one.knoq.limits.internal;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The organisation_usage table: queries and model cost per organisation per calendar month. */
@Repository
class UsageLedger {

  /** One organisation's month so far. */
  record MonthUsage(long queries, BigDecimal costUsd) {
    static final MonthUsage NONE = new MonthUsage(0, BigDecimal.ZERO);
  }

  private static final RowMapper<MonthUsage> ROW =
      (rs, n) -> new MonthUsage(rs.getLong("queries"), rs.getBigDecimal("cost_usd"));

  private final JdbcTemplate jdbc;

  UsageLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Reads the month's row locked until the current transaction ends, creating it if absent. */
  MonthUsage lock(String organisationId, YearMonth month) {
    return selectForUpdate(organisationId, month)
        .or(
            () -> {
              createIfAbsent(organisationId, month);
              return selectForUpdate(organisationId, month);
            })
        .orElseThrow(() -> new IllegalStateException("usage row missing for " + month));
  }

  void addQuery(String organisationId, YearMonth month) {
    jdbc.update(
        "update organisation_usage set queries = queries + 1"
            + " where organisation_id = ? and usage_month = ?",
        organisationId,
        UtcMonths.key(month));
  }

  void addCost(String organisationId, YearMonth month, BigDecimal usd) {
    createIfAbsent(organisationId, month);
    jdbc.update(
        "update organisation_usage set cost_usd = cost_usd + ?"
            + " where organisation_id = ? and usage_month = ?",
        usd,
        organisationId,
        UtcMonths.key(month));
  }

  MonthUsage find(String organisationId, YearMonth month) {
    return jdbc
        .query(
            "select queries, cost_usd from organisation_usage where organisation_id = ? and"
                + " usage_month = ?",
            ROW,
            organisationId,
            UtcMonths.key(month))
        .stream()
        .findFirst()
        .orElse(MonthUsage.NONE);
  }

  private Optional<MonthUsage> selectForUpdate(String organisationId, YearMonth month) {
    return jdbc
        .query(
            "select queries, cost_usd from organisation_usage"
                + " where organisation_id = ? and usage_month = ? for update",
            ROW,
            organisationId,
            UtcMonths.key(month))
        .stream()
        .findFirst();
  }

  private void createIfAbsent(String organisationId, YearMonth month) {
    jdbc.update(
        "insert into organisation_usage (organisation_id, usage_month, queries, cost_usd)"
            + " values (?, ?, 0, 0) on conflict do nothing",
        organisationId,
        UtcMonths.key(month));
  }
}
