package one.knoq.identity.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import one.knoq.identity.Organisation;
import one.knoq.identity.OrganisationChange;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Organisations and their effective allowances: an operator's override, else the plan's default. */
@Repository
class JdbcOrganisations implements Organisations {

  private static final String COLUMNS =
      "id, name, plan, query_limit, cap_usd, seats, created_at, plan_before_expiry";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  JdbcOrganisations(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Optional<Organisation> find(String organisationId) {
    return jdbc
        .query("select " + COLUMNS + " from organisations where id = ?", JdbcOrganisations::map, organisationId)
        .stream()
        .findFirst();
  }

  @Override
  @Transactional
  public Organisation create(String name, Plan plan) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "insert into organisations (id, name, plan, created_at) values (?, ?, ?, ?)",
        id, name, plan.wire(), clock.millis());
    return find(id).orElseThrow();
  }

  @Override
  public List<Organisation> list() {
    return jdbc.query("select " + COLUMNS + " from organisations order by created_at, id", JdbcOrganisations::map);
  }

  @Override
  @Transactional
  public Optional<Organisation> update(String organisationId, OrganisationChange change) {
    if (lock(organisationId).isEmpty()) {
      return Optional.empty();
    }
    if (change.plan() != null) {
      // remember the plan an organisation expires from: its seats and features stay as they were
      jdbc.update(
          "update organisations set plan_before_expiry = case when ? = 'expired' then"
              + " (case when plan = 'expired' then plan_before_expiry else plan end) else null end,"
              + " plan = ? where id = ?",
          change.plan().wire(), change.plan().wire(), organisationId);
    }
    // column names are constants here, never input
    override(organisationId, "query_limit", Types.BIGINT, change.queryLimit());
    override(organisationId, "cap_usd", Types.NUMERIC, change.capUsd());
    override(organisationId, "seats", Types.INTEGER, change.seats());
    return find(organisationId);
  }

  private void override(
      String organisationId, String column, int sqlType, OrganisationChange.@Nullable Override<?> value) {
    if (value != null) {
      // typed, so that a null (back to the plan's default) binds on PostgreSQL too
      jdbc.update(
          "update organisations set " + column + " = ? where id = ?",
          new SqlParameterValue(sqlType, value.value()), organisationId);
    }
  }

  /**
   * Reads and row-locks the organisation until the transaction ends, so that membership changes
   * checking seats or "last admin" cannot interleave with one another.
   */
  Optional<Organisation> lock(String organisationId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from organisations where id = ? for update",
            JdbcOrganisations::map,
            organisationId)
        .stream()
        .findFirst();
  }

  private static Organisation map(ResultSet rs, int row) throws SQLException {
    String planWire = rs.getString("plan");
    Plan plan =
        Plan.parse(planWire)
            .orElseThrow(() -> new IllegalStateException("unknown plan in database: " + planWire));
    Plan featurePlan =
        plan == Plan.EXPIRED
            ? Plan.parse(String.valueOf(rs.getString("plan_before_expiry"))).orElse(Plan.EXPIRED)
            : plan;
    long queryLimit = rs.getLong("query_limit");
    if (rs.wasNull()) {
      queryLimit = plan.queriesPerMonth();
    }
    BigDecimal capUsd = rs.getBigDecimal("cap_usd");
    int seats = rs.getInt("seats");
    if (rs.wasNull()) {
      seats = featurePlan.seats();
    }
    return new Organisation(
        rs.getString("id"),
        rs.getString("name"),
        plan,
        queryLimit,
        capUsd == null ? plan.capUsd() : capUsd,
        seats,
        Instant.ofEpochMilli(rs.getLong("created_at")),
        featurePlan);
  }
}
