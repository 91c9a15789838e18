package one.knoq.agent.backend;

import one.knoq.agent.EventType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a backend appends a turn's events. Each append is durable when it returns. An append after
 * the turn was cancelled (or the session deleted) writes nothing and throws {@link TurnAborted}.
 */
public interface TurnEvents {

  /** Appends one event to the session's log; {@code tool_result} text over 64 KiB is truncated. */
  void append(EventType type, ObjectNode payload);

  /**
   * Appends an event imported from a remote log, at most once per {@code remoteEventId} within the
   * session.
   *
   * @return false when that remote event was already imported
   */
  boolean appendRemote(EventType type, ObjectNode payload, String remoteEventId);

  /** Adds model usage as it becomes known (so a cancelled turn's cost so far still counts). */
  void addUsage(Usage usage);

  /** A fresh JSON object for payloads. */
  ObjectNode newPayload();

  /** Thrown by appends once the turn no longer owns the session (cancelled, deleted, taken over). */
  final class TurnAborted extends RuntimeException {
    public TurnAborted(@Nullable String message) {
      super(message, null, false, false);
    }
  }
}
