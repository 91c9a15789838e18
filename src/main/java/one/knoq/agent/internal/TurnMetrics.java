package one.knoq.agent.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import one.knoq.agent.backend.TurnOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The agent's metrics: turn duration by outcome, upstream errors by backend and type, turns
 * waiting for a worker (cluster-wide, from the scheduler's table) and turns running on this node.
 */
@Component
class TurnMetrics {

  private final MeterRegistry registry;
  private final String backend;

  TurnMetrics(MeterRegistry registry, AgentSettings settings, JdbcTemplate jdbc, RunningTurns running) {
    this.registry = registry;
    this.backend = settings.backend();
    Gauge.builder("knoq.turns.queued", () -> queued(jdbc))
        .description("turns scheduled and due but not yet picked by any node")
        .register(registry);
    Gauge.builder("knoq.turns.running", running, RunningTurns::count)
        .description("turns running on this node")
        .register(registry);
  }

  void turnEnded(TurnOutcome outcome, long millis) {
    Timer.builder("knoq.turn.duration")
        .description("time from a turn's claim to its closing event")
        .tag("outcome", outcome(outcome))
        .register(registry)
        .record(Duration.ofMillis(millis));
    if (outcome instanceof TurnOutcome.Failed f) {
      Counter.builder("knoq.upstream.errors")
          .description("turns that ended with an error from the agent backend")
          .tag("backend", backend)
          .tag("type", f.errorType())
          .register(registry)
          .increment();
    }
  }

  private static String outcome(TurnOutcome outcome) {
    if (outcome instanceof TurnOutcome.Completed) {
      return "completed";
    }
    return outcome instanceof TurnOutcome.Failed ? "failed" : "terminated";
  }

  private static double queued(JdbcTemplate jdbc) {
    try {
      Long n =
          jdbc.queryForObject(
              "select count(*) from scheduled_tasks where task_name = ? and picked = false"
                  + " and execution_time <= current_timestamp",
              Long.class, TurnScheduling.AGENT_TURN.getTaskName());
      return n == null ? 0 : n;
    } catch (RuntimeException e) {
      return Double.NaN; // database unreachable: no figure rather than a wrong one
    }
  }
}
