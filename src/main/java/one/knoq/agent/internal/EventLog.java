package one.knoq.agent.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import one.knoq.agent.EventType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The append-only event log of sessions. Appends happen only while the caller holds the session's
 * row lock: sequence numbers are then assigned, and transactions commit, in log order, so a reader
 * paging by sequence sees a gap-free prefix on every node.
 */
@Repository
class EventLog {

  private final JdbcTemplate jdbc;
  private final SessionStore sessions;
  private final Clock clock;

  EventLog(JdbcTemplate jdbc, SessionStore sessions, Clock clock) {
    this.jdbc = jdbc;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** An event to append. */
  record NewEvent(EventType type, String payload, @Nullable String runId, @Nullable String remoteEventId) {
    NewEvent(EventType type, String payload, @Nullable String runId) {
      this(type, payload, runId, null);
    }
  }

  /** An event as stored. */
  record StoredEvent(long seq, String id, String type, long occurredAt, String payload) {}

  /**
   * Appends events to a session whose row the caller has locked in this transaction, and moves the
   * session's {@code updatedAt}. {@code occurredAt} never goes below the previous event's.
   */
  List<StoredEvent> append(SessionRow locked, List<NewEvent> events) {
    long seq = locked.nextSeq();
    long at = Math.max(clock.millis(), locked.lastEventAt());
    var stored = new ArrayList<StoredEvent>(events.size());
    for (NewEvent e : events) {
      var event = new StoredEvent(seq, Ids.newEventId(seq), e.type().wire(), at, e.payload());
      jdbc.update(
          "insert into agent_events (session_id, seq, id, type, occurred_at, payload, run_id,"
              + " remote_event_id) values (?,?,?,?,?,?,?,?)",
          locked.id(), seq, event.id(), event.type(), at, e.payload(), e.runId(), e.remoteEventId());
      stored.add(event);
      seq++;
    }
    sessions.afterAppend(locked.id(), seq, at);
    return stored;
  }

  boolean hasRemoteEvent(String sessionId, String remoteEventId) {
    return !jdbc.queryForList(
            "select seq from agent_events where session_id = ? and remote_event_id = ?",
            Long.class, sessionId, remoteEventId)
        .isEmpty();
  }

  boolean hasEventsOfRun(String sessionId, String runId) {
    return !jdbc.queryForList(
            "select seq from agent_events where session_id = ? and run_id = ? limit 1",
            Long.class, sessionId, runId)
        .isEmpty();
  }

  /**
   * Up to {@code limit} events after the cursor event, or from the start when {@code cursorId} is
   * null. One indexed range read: the row at the cursor's position is read too and must carry the
   * cursor's id.
   *
   * @return the events, or null when the cursor is not an event of this session
   */
  @Nullable List<StoredEvent> page(String sessionId, @Nullable String cursorId, int limit) {
    if (cursorId == null) {
      return jdbc.query(
          "select seq, id, type, occurred_at, payload from agent_events where session_id = ?"
              + " order by seq limit ?",
          EventLog::map, sessionId, limit);
    }
    long cursorSeq = Ids.seqOf(cursorId);
    if (cursorSeq < 0) {
      return null;
    }
    List<StoredEvent> rows =
        jdbc.query(
            "select seq, id, type, occurred_at, payload from agent_events where session_id = ?"
                + " and seq >= ? order by seq limit ?",
            EventLog::map, sessionId, cursorSeq, limit + 1);
    if (rows.isEmpty() || rows.get(0).seq() != cursorSeq || !rows.get(0).id().equals(cursorId)) {
      return null;
    }
    return rows.subList(1, rows.size());
  }

  /** The whole log of a session in order, for building a turn's context. */
  List<StoredEvent> all(String sessionId) {
    return jdbc.query(
        "select seq, id, type, occurred_at, payload from agent_events where session_id = ?"
            + " order by seq",
        EventLog::map, sessionId);
  }

  /** The first user message after {@code afterSeq}: the next queued message, if any. */
  @Nullable Long nextUserMessage(String sessionId, long afterSeq) {
    return jdbc
        .queryForList(
            "select seq from agent_events where session_id = ? and type = ? and seq > ?"
                + " order by seq limit 1",
            Long.class, sessionId, EventType.USER_MESSAGE.wire(), afterSeq)
        .stream()
        .findFirst()
        .orElse(null);
  }

  void deleteSession(String sessionId) {
    jdbc.update("delete from agent_events where session_id = ?", sessionId);
  }

  private static StoredEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new StoredEvent(
        rs.getLong("seq"),
        rs.getString("id"),
        rs.getString("type"),
        rs.getLong("occurred_at"),
        rs.getString("payload"));
  }
}
