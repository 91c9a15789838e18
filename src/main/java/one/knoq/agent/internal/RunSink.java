package one.knoq.agent.internal;

import java.util.List;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.Cancellation;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.Usage;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link TurnEvents} of one run, or of a history import ({@code runId} null). Each append is its
 * own transaction under the session lock and is fenced: a run writes only while it is still the
 * session's current run, so a cancelled, deleted or taken-over turn can never write again; an
 * import writes only while the session accepts messages (never after {@code status_terminated}).
 */
final class RunSink implements TurnEvents {

  private final String sessionId;
  private final @Nullable String runId;
  private final int attempt;
  private final Cancellation cancellation;
  private final SessionStore sessions;
  private final EventLog log;
  private final RunStore runs;
  private final Payloads payloads;
  private final TransactionTemplate tx;

  RunSink(
      String sessionId,
      @Nullable String runId,
      int attempt,
      Cancellation cancellation,
      SessionStore sessions,
      EventLog log,
      RunStore runs,
      Payloads payloads,
      TransactionTemplate tx) {
    this.sessionId = sessionId;
    this.runId = runId;
    this.attempt = attempt;
    this.cancellation = cancellation;
    this.sessions = sessions;
    this.log = log;
    this.runs = runs;
    this.payloads = payloads;
    this.tx = tx;
  }

  @Override
  public void append(EventType type, ObjectNode payload) {
    write(type, payload, null);
  }

  @Override
  public boolean appendRemote(EventType type, ObjectNode payload, String remoteEventId) {
    return write(type, payload, remoteEventId);
  }

  private boolean write(EventType type, ObjectNode payload, String remoteEventId) {
    cancellation.throwIfCancelled();
    if (type == EventType.STATUS_IDLE || type == EventType.STATUS_TERMINATED) {
      throw new IllegalArgumentException("the runner writes " + type.wire() + " itself");
    }
    ObjectNode stored = type == EventType.TOOL_RESULT ? payloads.truncateToolResult(payload) : payload;
    Boolean written =
        tx.execute(
            status -> {
              SessionRow session = sessions.lock(sessionId).filter(this::mayWrite).orElse(null);
              if (session == null) {
                throw new TurnAborted("session " + sessionId + " no longer takes events from " + runId);
              }
              if (remoteEventId != null && log.hasRemoteEvent(sessionId, remoteEventId)) {
                return false;
              }
              log.append(
                  session,
                  List.of(new EventLog.NewEvent(type, stored.toString(), runId, remoteEventId)));
              return true;
            });
    return Boolean.TRUE.equals(written);
  }

  /**
   * An import writes while the session takes messages; a run while it is the session's current run
   * AND this is its latest claim: a node that lost its claim (its lease ran out and another node
   * revived the run) is fenced off by the attempt number.
   */
  private boolean mayWrite(SessionRow session) {
    if (runId == null) {
      return session.acceptsMessages();
    }
    return runId.equals(session.workflowRunId())
        && runs.find(runId).map(r -> r.attempts() == attempt).orElse(false);
  }

  @Override
  public void addUsage(Usage usage) {
    if (runId != null) {
      runs.addUsage(runId, usage);
    }
  }

  @Override
  public ObjectNode newPayload() {
    return payloads.object();
  }
}
