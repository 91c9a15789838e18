package one.knoq.agent;

import java.util.Optional;

/** The closed set of event types of a session's log (spec 5); the wire name is the lower-case one. */
public enum EventType {
  USER_MESSAGE("user_message"),
  AGENT_MESSAGE("agent_message"),
  TOOL_USE("tool_use"),
  TOOL_RESULT("tool_result"),
  STATUS_IDLE("status_idle"),
  STATUS_TERMINATED("status_terminated"),
  ERROR("error");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<EventType> parse(String wire) {
    for (EventType t : values()) {
      if (t.wire.equals(wire)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
