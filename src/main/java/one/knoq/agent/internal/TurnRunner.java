package one.knoq.agent.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.AgentBackend;
import one.knoq.agent.backend.Cancellation;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.Turn;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.Usage;
import one.knoq.limits.Quotas;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one turn: claims it, gives the backend the session's history, and closes the turn with
 * exactly one {@code status_idle} (or {@code status_terminated}) in the same transaction that
 * starts the next queued message's run, if any. Called by the scheduler on whichever node claimed
 * the run; a run revived after its node died is not answered twice.
 */
@Component
class TurnRunner {

  private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);

  private final SessionStore sessions;
  private final EventLog log;
  private final RunStore runs;
  private final Payloads payloads;
  private final AgentBackend backend;
  private final RunningTurns running;
  private final TurnScheduling.TurnQueue queue;
  private final Quotas quotas;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final TurnMetrics metrics;

  TurnRunner(
      SessionStore sessions,
      EventLog log,
      RunStore runs,
      Payloads payloads,
      AgentBackend backend,
      RunningTurns running,
      TurnScheduling.TurnQueue queue,
      Quotas quotas,
      TransactionTemplate tx,
      Clock clock,
      TurnMetrics metrics) {
    this.sessions = sessions;
    this.log = log;
    this.runs = runs;
    this.payloads = payloads;
    this.backend = backend;
    this.running = running;
    this.queue = queue;
    this.quotas = quotas;
    this.tx = tx;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** A turn interrupted because this node is stopping; the scheduler hands it over at once. */
  static final class StoppedByShutdown extends RuntimeException {
    StoppedByShutdown(String runId, InterruptedException cause) {
      super("turn " + runId + " interrupted by shutdown", cause);
    }
  }

  /** What the claim transaction hands to the backend call. */
  private record Claimed(SessionRow session, RunStore.RunRow run, List<HistoryEvent> history) {}

  void run(String runId) {
    Claimed claimed = tx.execute(status -> claim(runId));
    if (claimed == null) {
      return;
    }
    String sessionId = claimed.session().id();
    Cancellation cancellation = running.register(runId);
    long started = clock.millis();
    TurnOutcome outcome;
    try {
      var turn =
          new Turn(sessionId, runId, claimed.session().remoteSessionId(), claimed.history(), cancellation);
      var sink =
          new RunSink(sessionId, runId, attempt(claimed), cancellation, sessions, log, runs, payloads, tx);
      outcome = backend.runTurn(turn, sink);
    } catch (TurnEvents.TurnAborted e) {
      outcome = null;
    } catch (InterruptedException e) {
      // the node is stopping: the run stays 'running' and the scheduler hands it to another node
      // (TurnScheduling.HandOverOrRetryLater), which resumes it or ends it with error + status_idle
      Thread.currentThread().interrupt();
      running.unregister(runId);
      throw new StoppedByShutdown(runId, e);
    } catch (RuntimeException e) {
      LOG.error("turn {} of session {} failed in the backend", runId, sessionId, e);
      outcome =
          new TurnOutcome.Failed(
              "internal_error", "the agent failed unexpectedly", false, StopReason.END_TURN);
    } finally {
      running.unregister(runId);
    }
    if (outcome == null || cancellation.isCancelled()) {
      recordCost(claimed.session().organisationId(), runId);
      LOG.info("turn {} of session {} stopped after cancellation", runId, sessionId);
      return;
    }
    TurnOutcome finalOutcome = outcome;
    Boolean closed = tx.execute(status -> close(sessionId, runId, attempt(claimed), finalOutcome));
    recordCost(claimed.session().organisationId(), runId);
    if (!Boolean.TRUE.equals(closed)) {
      LOG.info("turn {} of session {} finished after it was cancelled, deleted or taken over", runId, sessionId);
      return;
    }
    metrics.turnEnded(finalOutcome, clock.millis() - started);
    LOG.info(
        "turn {} of session {} ended ({}) in {} ms",
        runId, sessionId, describe(finalOutcome), clock.millis() - started);
  }

  private @Nullable Claimed claim(String runId) {
    RunStore.RunRow run = runs.find(runId).orElse(null);
    if (run == null || !("pending".equals(run.state()) || "running".equals(run.state()))) {
      return null; // deleted, cancelled or already finished
    }
    SessionRow session = sessions.lock(run.sessionId()).orElse(null);
    if (session == null || !runId.equals(session.workflowRunId())) {
      runs.finish(runId, "cancelled", clock.millis());
      return null;
    }
    if (run.attempts() > 0 && log.hasEventsOfRun(session.id(), runId)) {
      // revived after its node stopped mid-turn: part of an answer exists, so end it honestly
      LOG.warn("turn {} of session {} was interrupted by a server stop; closing it", runId, session.id());
      closeLocked(
          session,
          run,
          List.of(
              new EventLog.NewEvent(
                  EventType.ERROR,
                  payloads.error(
                      "internal_error",
                      "the server answering this turn stopped before it finished",
                      true),
                  runId),
              new EventLog.NewEvent(
                  EventType.STATUS_IDLE,
                  payloads.statusIdle(StopReason.END_TURN, runs.usage(runId)),
                  runId)),
          false);
      return null;
    }
    runs.start(runId, clock.millis());
    return new Claimed(session, run, history(session.id(), run.messageSeq()));
  }

  /** The log up to now, without user messages queued after this turn's own. */
  private List<HistoryEvent> history(String sessionId, long messageSeq) {
    var history = new ArrayList<HistoryEvent>();
    for (EventLog.StoredEvent e : log.all(sessionId)) {
      EventType type = EventType.parse(e.type()).orElseThrow();
      if (type == EventType.USER_MESSAGE && e.seq() > messageSeq) {
        continue;
      }
      history.add(new HistoryEvent(type, payloads.parse(e.payload())));
    }
    return history;
  }

  /** This claim's fencing token: the attempt number {@code runs.start} gave it. */
  private static int attempt(Claimed claimed) {
    return claimed.run().attempts() + 1;
  }

  /** @return false when the turn no longer owns the session (cancelled, deleted, taken over) */
  private boolean close(String sessionId, String runId, int attempt, TurnOutcome outcome) {
    SessionRow session = sessions.lock(sessionId).orElse(null);
    RunStore.RunRow run = runs.find(runId).orElse(null);
    if (session == null || run == null || !runId.equals(session.workflowRunId()) || run.attempts() != attempt) {
      return false;
    }
    Usage usage = runs.usage(runId);
    var closing = new ArrayList<EventLog.NewEvent>();
    boolean terminated = false;
    if (outcome instanceof TurnOutcome.Completed c) {
      closing.add(
          new EventLog.NewEvent(EventType.STATUS_IDLE, payloads.statusIdle(c.stopReason(), usage), runId));
    } else if (outcome instanceof TurnOutcome.Failed f) {
      if (session.remoteSessionId() != null) {
        // the remote log may hold events this turn could not import; polls resume the import
        sessions.setBackfill(sessionId, true, null);
      }
      closing.add(
          new EventLog.NewEvent(
              EventType.ERROR, payloads.error(f.errorType(), f.message(), f.retryable()), runId));
      closing.add(
          new EventLog.NewEvent(EventType.STATUS_IDLE, payloads.statusIdle(f.stopReason(), usage), runId));
    } else if (outcome instanceof TurnOutcome.Terminated t) {
      closing.add(
          new EventLog.NewEvent(EventType.STATUS_TERMINATED, payloads.statusTerminated(t.reason()), runId));
      terminated = true;
    }
    closeLocked(session, run, closing, terminated);
    return true;
  }

  /**
   * Appends the closing events, finishes the run and, in the same transaction, starts the run of
   * the next queued message or marks the session idle.
   */
  private void closeLocked(
      SessionRow session, RunStore.RunRow run, List<EventLog.NewEvent> closing, boolean terminated) {
    log.append(session, closing);
    runs.finish(run.id(), "done", clock.millis());
    if (terminated) {
      sessions.setRun(session.id(), SessionStatus.TERMINATED, null);
      return;
    }
    Long next = log.nextUserMessage(session.id(), run.messageSeq());
    if (next == null) {
      sessions.setRun(session.id(), SessionStatus.IDLE, null);
      return;
    }
    String nextRun = Ids.newRunId();
    runs.insert(nextRun, session.id(), next, clock.millis());
    sessions.setRun(session.id(), SessionStatus.RUNNING, nextRun);
    queue.schedule(nextRun);
  }

  private void recordCost(String organisationId, String runId) {
    try {
      Usage usage = runs.usage(runId);
      if (usage.costUsd().signum() > 0) {
        quotas.recordCost(organisationId, clock.millis(), usage.costUsd());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not record the cost of turn {}: {}", runId, e.getMessage());
    }
  }

  private static String describe(TurnOutcome outcome) {
    if (outcome instanceof TurnOutcome.Completed c) {
      return c.stopReason().wire();
    }
    if (outcome instanceof TurnOutcome.Failed f) {
      return f.errorType() + ", " + f.stopReason().wire();
    }
    return "terminated: " + ((TurnOutcome.Terminated) outcome).reason();
  }
}
