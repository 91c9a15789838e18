package one.knoq.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.knoq.audit.AuditEntries;
import one.knoq.audit.AuditEntry;
import one.knoq.audit.AuditLog;
import one.knoq.audit.AuditQuery;
import one.knoq.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log in the {@code audit_entries} table. {@link JdbcTemplate} runs on the connection of
 * the caller's transaction when there is one, so an entry commits or rolls back with the change it
 * describes; without one it commits on its own.
 */
@Repository
class JdbcAuditLog implements AuditLog, AuditEntries {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {};
  private static final String COLUMNS = "id, type, actor, subject, occurred_at, details";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  JdbcAuditLog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void record(
      String organisationId,
      String type,
      String actor,
      @Nullable String subject,
      Map<String, Object> details) {
    jdbc.update(
        "insert into audit_entries (organisation_id, type, actor, subject, occurred_at, details)"
            + " values (?, ?, ?, ?, ?, ?)",
        organisationId, type, actor, subject, clock.millis(), JSON.writeValueAsString(details));
  }

  @Override
  public List<AuditEntry> search(AuditQuery query) {
    var sql = new StringBuilder("select " + COLUMNS + " from audit_entries where organisation_id = ?");
    var args = new ArrayList<Object>();
    args.add(query.organisationId());
    if (query.typePrefix() != null) {
      sql.append(" and type like ? escape '\\'");
      args.add(likePrefix(query.typePrefix()));
    }
    if (query.actor() != null) {
      sql.append(" and actor = ?");
      args.add(query.actor());
    }
    if (query.from() != null) {
      sql.append(" and occurred_at >= ?");
      args.add(query.from().toEpochMilli());
    }
    if (query.to() != null) {
      sql.append(" and occurred_at < ?");
      args.add(query.to().toEpochMilli());
    }
    if (query.before() != null) {
      long cursorAt = occurredAt(query.organisationId(), query.before());
      // row-value comparison spelled out: entries strictly older in (occurred_at, id) order
      sql.append(" and (occurred_at < ? or (occurred_at = ? and id < ?))");
      args.add(cursorAt);
      args.add(cursorAt);
      args.add(Long.parseLong(query.before()));
    }
    sql.append(" order by occurred_at desc, id desc limit ?");
    args.add(query.limit());
    return jdbc.query(sql.toString(), JdbcAuditLog::map, args.toArray());
  }

  private long occurredAt(String organisationId, String entryId) {
    long id;
    try {
      id = Long.parseLong(entryId);
    } catch (NumberFormatException e) {
      throw new ApiException.BadRequest("before must be the id of an audit entry");
    }
    return jdbc
        .queryForList(
            "select occurred_at from audit_entries where organisation_id = ? and id = ?",
            Long.class, organisationId, id)
        .stream()
        .findFirst()
        .orElseThrow(() -> new ApiException.BadRequest("before must be the id of an audit entry"));
  }

  static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        Long.toString(rs.getLong("id")),
        rs.getString("type"),
        rs.getString("actor"),
        rs.getString("subject"),
        Instant.ofEpochMilli(rs.getLong("occurred_at")),
        JSON.readValue(rs.getString("details"), DETAILS));
  }
}
