package one.knoq.limits.internal;

import java.util.List;
import java.util.Optional;
import one.knoq.limits.RateLimit.Window;

/**
 * The sliding-log decision of spec 3, free of I/O: whether a request is admitted now and, if not,
 * when.
 */
final class SlidingLog {

  private SlidingLog() {}

  /**
   * The exceeded window that keeps the request out longest, and for how many whole seconds (≥ 1).
   */
  record Refusal(Window window, long retryAfterSeconds) {}

  /**
   * Decides against every window: a request is admitted only if fewer than {@code limit} requests
   * were admitted in the preceding {@code length} (admitted strictly after {@code now - length}).
   *
   * @param admittedAt epoch millis of earlier admissions, ascending; older ones than the longest
   *     window may be missing
   */
  static Optional<Refusal> check(List<Window> windows, List<Long> admittedAt, long now) {
    Refusal longest = null;
    for (Window window : windows) {
      long length = window.length().toMillis();
      int first = firstAfter(admittedAt, now - length);
      int counted = admittedAt.size() - first;
      if (counted < window.limit()) {
        continue;
      }
      // Room opens once fewer than `limit` remain: when the (counted - limit + 1)-th oldest leaves.
      int leaving = first + Math.max(0, counted - window.limit());
      long waitMillis = admittedAt.get(leaving) + length - now;
      long seconds = Math.max(1, (waitMillis + 999) / 1000);
      if (longest == null || seconds > longest.retryAfterSeconds()) {
        longest = new Refusal(window, seconds);
      }
    }
    return Optional.ofNullable(longest);
  }

  static long longestMillis(List<Window> windows) {
    return windows.stream().mapToLong(w -> w.length().toMillis()).max().orElse(0);
  }

  private static int firstAfter(List<Long> ascending, long boundary) {
    int low = 0;
    int high = ascending.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ascending.get(mid) > boundary) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
