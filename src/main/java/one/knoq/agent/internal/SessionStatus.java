package one.knoq.agent.internal;

import java.util.Locale;

/** A session's state as the list shows it. */
enum SessionStatus {
  /** No turn is running; the session accepts messages. */
  IDLE,
  /** A turn is running (more may be queued). */
  RUNNING,
  /** Cancelled by its user; readable, accepts no messages. */
  CANCELLED,
  /** Ended for good by the backend; readable, accepts no messages. */
  TERMINATED;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SessionStatus fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
