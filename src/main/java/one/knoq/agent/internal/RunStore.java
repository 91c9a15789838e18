package one.knoq.agent.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import one.knoq.agent.backend.Usage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Persistence of runs: one per turn, answering one user message. */
@Repository
class RunStore {

  /** One row of agent_runs. */
  record RunRow(String id, String sessionId, long messageSeq, String state, int attempts) {}

  private final JdbcTemplate jdbc;

  RunStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String id, String sessionId, long messageSeq, long now) {
    jdbc.update(
        "insert into agent_runs (id, session_id, message_seq, state, attempts, created_at)"
            + " values (?,?,?,'pending',0,?)",
        id, sessionId, messageSeq, now);
  }

  Optional<RunRow> find(String id) {
    return jdbc
        .query(
            "select id, session_id, message_seq, state, attempts from agent_runs where id = ?",
            (rs, n) ->
                new RunRow(
                    rs.getString("id"),
                    rs.getString("session_id"),
                    rs.getLong("message_seq"),
                    rs.getString("state"),
                    rs.getInt("attempts")),
            id)
        .stream()
        .findFirst();
  }

  void start(String id, long now) {
    jdbc.update(
        "update agent_runs set state = 'running', attempts = attempts + 1, started_at = ?"
            + " where id = ?",
        now, id);
  }

  void finish(String id, String state, long now) {
    jdbc.update("update agent_runs set state = ?, ended_at = ? where id = ?", state, now, id);
  }

  void addUsage(String id, Usage usage) {
    jdbc.update(
        "update agent_runs set input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,"
            + " cost_usd = cost_usd + ? where id = ?",
        usage.inputTokens(), usage.outputTokens(), usage.costUsd(), id);
  }

  Usage usage(String id) {
    return jdbc
        .query(
            "select input_tokens, output_tokens, cost_usd from agent_runs where id = ?",
            (rs, n) ->
                new Usage(
                    rs.getLong("input_tokens"),
                    rs.getLong("output_tokens"),
                    rs.getBigDecimal("cost_usd") == null ? BigDecimal.ZERO : rs.getBigDecimal("cost_usd")),
            id)
        .stream()
        .findFirst()
        .orElse(Usage.NONE);
  }

  /** Of the given runs, those that must stop: no longer running, or deleted with their session. */
  List<String> stopped(List<String> runIds) {
    if (runIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", java.util.Collections.nCopies(runIds.size(), "?"));
    List<String> live =
        jdbc.queryForList(
            "select id from agent_runs where state = 'running' and id in (" + marks + ")",
            String.class, runIds.toArray());
    return runIds.stream().filter(id -> !live.contains(id)).toList();
  }

  void cancelActive(String sessionId, long now) {
    jdbc.update(
        "update agent_runs set state = 'cancelled', ended_at = ? where session_id = ?"
            + " and state in ('pending', 'running')",
        now, sessionId);
  }

  void deleteSession(String sessionId) {
    jdbc.update("delete from agent_runs where session_id = ?", sessionId);
  }
}
