package one.knoq.agent.backend.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.HistoryEvent;

/** Turns a session's history into the context of a model call. */
public final class Transcript {

  private Transcript() {}

  /**
   * The conversation events of {@code history}: user and agent messages, tool uses and results.
   * Status and error events are dropped, and so is a tool_use without its tool_result (a turn
   * cancelled mid-tool) or a result without its use, because providers reject unpaired tool calls.
   */
  public static List<HistoryEvent> context(List<HistoryEvent> history) {
    Set<String> used = new HashSet<>();
    Set<String> answered = new HashSet<>();
    for (HistoryEvent e : history) {
      if (e.type() == EventType.TOOL_USE) {
        used.add(e.payload().path("id").asString(""));
      } else if (e.type() == EventType.TOOL_RESULT) {
        answered.add(e.payload().path("tool_use_id").asString(""));
      }
    }
    List<HistoryEvent> context = new ArrayList<>();
    for (HistoryEvent e : history) {
      boolean keep =
          switch (e.type()) {
            case USER_MESSAGE, AGENT_MESSAGE -> true;
            case TOOL_USE -> answered.contains(e.payload().path("id").asString(""));
            case TOOL_RESULT -> used.contains(e.payload().path("tool_use_id").asString(""));
            case STATUS_IDLE, STATUS_TERMINATED, ERROR -> false;
          };
      if (keep) {
        context.add(e);
      }
    }
    return context;
  }
}
