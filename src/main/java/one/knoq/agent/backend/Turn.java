package one.knoq.agent.backend;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a backend is given for one turn: the session's history up to and including the turn's own
 * user message (later queued messages excluded), the remote session if any, and the cancellation
 * signal.
 */
public record Turn(
    String sessionId,
    String runId,
    @Nullable String remoteSessionId,
    List<HistoryEvent> history,
    Cancellation cancellation) {

  /** The text of the user message this turn answers (the last user message of the history). */
  public String userText() {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).type() == one.knoq.agent.EventType.USER_MESSAGE) {
        return history.get(i).text();
      }
    }
    return "";
  }
}
