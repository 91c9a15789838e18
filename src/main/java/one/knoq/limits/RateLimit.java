package one.knoq.limits;

import java.time.Duration;
import java.util.List;

/** The per-user rolling-window limits of the contract (spec 3). */
public enum RateLimit {
  /** Sessions created: 10 per minute and 20 per hour. */
  SESSION_CREATE(new Window(10, Duration.ofMinutes(1)), new Window(20, Duration.ofHours(1))),
  /** Messages sent: 60 per minute. */
  MESSAGE(new Window(60, Duration.ofMinutes(1))),
  /** Cancel requests: 30 per minute. */
  CANCEL(new Window(30, Duration.ofMinutes(1)));

  private final List<Window> windows;

  RateLimit(Window... windows) {
    this.windows = List.of(windows);
  }

  public List<Window> windows() {
    return windows;
  }

  /** At most {@code limit} admitted requests within any rolling {@code length}. */
  public record Window(int limit, Duration length) {}
}
