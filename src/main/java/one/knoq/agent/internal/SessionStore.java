package one.knoq.agent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Persistence of sessions. Every finder a client reaches takes the owner (organisation + user). */
@Repository
class SessionStore {

  private static final String COLUMNS =
      "id, organisation_id, user_id, title, status, workflow_run_id, remote_session_id,"
          + " backfill_failed, next_seq, last_event_at, cancelled_at, created_at, updated_at";

  private final JdbcTemplate jdbc;

  SessionStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(SessionRow s) {
    jdbc.update(
        "insert into agent_sessions (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        s.id(), s.organisationId(), s.userId(), s.title(), s.status().wire(), s.workflowRunId(),
        s.remoteSessionId(), s.backfillFailed(), s.nextSeq(), s.lastEventAt(), s.cancelledAt(),
        s.createdAt(), s.updatedAt());
  }

  /** The owner's session, locked for this transaction: the lock serialises appends and state. */
  Optional<SessionRow> lockOwned(String id, String organisationId, String userId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from agent_sessions"
                + " where id = ? and organisation_id = ? and user_id = ? for update",
            SessionStore::map, id, organisationId, userId)
        .stream()
        .findFirst();
  }

  Optional<SessionRow> findOwned(String id, String organisationId, String userId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from agent_sessions"
                + " where id = ? and organisation_id = ? and user_id = ?",
            SessionStore::map, id, organisationId, userId)
        .stream()
        .findFirst();
  }

  /** For the workflow runner, which acts on behalf of the owner. */
  Optional<SessionRow> lock(String id) {
    return jdbc
        .query("select " + COLUMNS + " from agent_sessions where id = ? for update",
            SessionStore::map, id)
        .stream()
        .findFirst();
  }

  List<SessionRow> listOwned(String organisationId, String userId, int limit) {
    return jdbc.query(
        "select " + COLUMNS + " from agent_sessions where organisation_id = ? and user_id = ?"
            + " order by updated_at desc, id limit ?",
        SessionStore::map, organisationId, userId, limit);
  }

  void afterAppend(String id, long nextSeq, long lastEventAt) {
    jdbc.update(
        "update agent_sessions set next_seq = ?, last_event_at = ?, updated_at = ? where id = ?",
        nextSeq, lastEventAt, lastEventAt, id);
  }

  void setRun(String id, SessionStatus status, @Nullable String workflowRunId) {
    jdbc.update(
        "update agent_sessions set status = ?, workflow_run_id = ? where id = ?",
        status.wire(), workflowRunId, id);
  }

  void markCancelled(String id, long at) {
    jdbc.update(
        "update agent_sessions set status = ?, workflow_run_id = null, cancelled_at = ? where id = ?",
        SessionStatus.CANCELLED.wire(), at, id);
  }

  /** Records how far the import of the remote history got; a complete import clears the flag. */
  void setBackfill(String id, boolean failed, @Nullable String cursor) {
    jdbc.update(
        "update agent_sessions set backfill_failed = ?, backfill_cursor = ? where id = ?",
        failed, cursor, id);
  }

  @Nullable String backfillCursor(String id) {
    List<String> cursor =
        jdbc.query(
            "select backfill_cursor from agent_sessions where id = ?", (rs, n) -> rs.getString(1), id);
    return cursor.isEmpty() ? null : cursor.get(0);
  }

  void delete(String id) {
    jdbc.update("delete from agent_sessions where id = ?", id);
  }

  private static SessionRow map(ResultSet rs, int row) throws SQLException {
    long cancelled = rs.getLong("cancelled_at");
    Long cancelledAt = rs.wasNull() ? null : cancelled;
    return new SessionRow(
        rs.getString("id"),
        rs.getString("organisation_id"),
        rs.getString("user_id"),
        rs.getString("title"),
        SessionStatus.fromWire(rs.getString("status")),
        rs.getString("workflow_run_id"),
        rs.getString("remote_session_id"),
        rs.getBoolean("backfill_failed"),
        rs.getLong("next_seq"),
        rs.getLong("last_event_at"),
        cancelledAt,
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }
}
