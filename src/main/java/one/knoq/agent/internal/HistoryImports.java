package one.knoq.agent.internal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import one.knoq.agent.backend.AgentBackend;
import one.knoq.agent.backend.BackfillResult;
import one.knoq.agent.backend.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes imports of remote history that a failed turn left incomplete ({@code backfillFailed}).
 * A transcript poll of such a session starts one in the background (at most one per session on this
 * node, and not more often than every few seconds); the poll itself answers at once with what is
 * there. Imports are idempotent by remote event id, so two nodes resuming at once is harmless.
 */
@Component
class HistoryImports {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryImports.class);
  private static final Duration RETRY_SPACING = Duration.ofSeconds(2);

  private final AgentBackend backend;
  private final SessionStore sessions;
  private final EventLog log;
  private final RunStore runs;
  private final Payloads payloads;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Map<String, Long> lastStarted = new ConcurrentHashMap<>();
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          2,
          r -> {
            var t = new Thread(r, "knoq-history-import");
            t.setDaemon(true);
            return t;
          });

  HistoryImports(
      AgentBackend backend,
      SessionStore sessions,
      EventLog log,
      RunStore runs,
      Payloads payloads,
      TransactionTemplate tx,
      Clock clock) {
    this.backend = backend;
    this.sessions = sessions;
    this.log = log;
    this.runs = runs;
    this.payloads = payloads;
    this.tx = tx;
    this.clock = clock;
  }

  /** Starts resuming the import of {@code session}'s remote history, unless one ran just now. */
  void resume(SessionRow session) {
    String remote = session.remoteSessionId();
    if (!session.backfillFailed() || remote == null) {
      return;
    }
    long now = clock.millis();
    Long previous = lastStarted.get(session.id());
    if (previous != null && now - previous < RETRY_SPACING.toMillis()) {
      return;
    }
    lastStarted.put(session.id(), now);
    workers.execute(() -> importNow(session.id(), remote));
  }

  private void importNow(String sessionId, String remote) {
    var sink = new RunSink(sessionId, null, 0, new Cancellation(), sessions, log, runs, payloads, tx);
    try {
      BackfillResult result = backend.importHistory(remote, sessions.backfillCursor(sessionId), sink);
      sessions.setBackfill(sessionId, !result.complete(), result.resumeFrom());
      LOG.info("history import of session {}: {} events, complete={}", sessionId, result.imported(), result.complete());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("history import of session {} failed", sessionId, e);
    }
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }
}
