package one.knoq.agent.backend.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP-date (RFC 9110 section 10.2.3). */
final class RetryAfter {

  private RetryAfter() {}

  static @Nullable Duration parse(HttpHeaders headers, Clock clock) {
    return headers.firstValue("Retry-After").map(v -> parse(v.strip(), clock)).orElse(null);
  }

  static @Nullable Duration parse(String value, Clock clock) {
    try {
      double seconds = Double.parseDouble(value);
      return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        var date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration until = Duration.between(clock.instant(), date);
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException neither) {
        return null;
      }
    }
  }
}
