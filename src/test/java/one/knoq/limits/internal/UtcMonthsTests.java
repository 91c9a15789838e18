package one.knoq.limits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class UtcMonthsTests {

  @Test
  void seconds_until_the_next_month_round_up_and_are_at_least_one() {
    assertThat(UtcMonths.secondsUntilNext(Instant.parse("2026-05-31T23:59:30Z"))).isEqualTo(30);
    assertThat(UtcMonths.secondsUntilNext(Instant.parse("2026-12-31T23:59:59.001Z"))).isEqualTo(1);
    assertThat(UtcMonths.secondsUntilNext(Instant.parse("2026-02-01T00:00:00Z")))
        .isEqualTo(28 * 86_400);
  }

  @Test
  void the_month_is_the_utc_calendar_month() {
    assertThat(UtcMonths.of(Instant.parse("2026-04-30T23:59:59.999Z")))
        .isEqualTo(YearMonth.of(2026, 4));
    assertThat(UtcMonths.of(Instant.parse("2026-05-01T00:00:00Z")))
        .isEqualTo(YearMonth.of(2026, 5));
  }
}
