package one.knoq.limits.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Calendar months in UTC: which month an instant falls in and how long until the next begins. */
final class UtcMonths {

  private UtcMonths() {}

  static YearMonth of(Instant instant) {
    return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
  }

  /** Whole seconds (rounded up, at least 1) from {@code now} until the next month starts. */
  static long secondsUntilNext(Instant now) {
    Instant next = of(now).plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    long millis = next.toEpochMilli() - now.toEpochMilli();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** The month's key in the usage table: {@code YYYY-MM}. */
  static String key(YearMonth month) {
    return month.toString();
  }
}
