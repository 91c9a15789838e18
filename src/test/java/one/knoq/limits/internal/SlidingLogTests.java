package one.knoq.limits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import one.knoq.limits.RateLimit;
import one.knoq.limits.RateLimit.Window;
import org.junit.jupiter.api.Test;

/** The pure window arithmetic, without a database. */
class SlidingLogTests {

  private static final Window THREE_PER_10S = new Window(3, Duration.ofSeconds(10));

  @Test
  void admits_while_fewer_than_the_limit_are_inside_the_window() {
    assertThat(SlidingLog.check(List.of(THREE_PER_10S), List.of(1_000L, 2_000L), 5_000)).isEmpty();
  }

  @Test
  void a_request_exactly_one_window_old_no_longer_counts() {
    assertThat(SlidingLog.check(List.of(THREE_PER_10S), List.of(0L, 1_000L, 2_000L), 10_000))
        .isEmpty();
    assertThat(SlidingLog.check(List.of(THREE_PER_10S), List.of(0L, 1_000L, 2_000L), 9_999))
        .hasValueSatisfying(r -> assertThat(r.retryAfterSeconds()).isEqualTo(1));
  }

  @Test
  void retry_after_rounds_up_to_whole_seconds() {
    var refusal = SlidingLog.check(List.of(THREE_PER_10S), List.of(1_500L, 2_000L, 3_000L), 4_000);

    assertThat(refusal).hasValueSatisfying(r -> assertThat(r.retryAfterSeconds()).isEqualTo(8));
  }

  @Test
  void with_more_than_the_limit_counted_it_waits_until_enough_have_left() {
    var refusal =
        SlidingLog.check(List.of(THREE_PER_10S), List.of(1_000L, 2_000L, 3_000L, 4_000L), 5_000);

    assertThat(refusal).hasValueSatisfying(r -> assertThat(r.retryAfterSeconds()).isEqualTo(7));
  }

  @Test
  void the_longer_wait_of_two_exceeded_windows_wins() {
    var windows = RateLimit.SESSION_CREATE.windows();
    var times = new java.util.ArrayList<Long>();
    for (int i = 0; i < 10; i++) {
      times.add(i * 1_000L);
    }
    for (int i = 0; i < 10; i++) {
      times.add(600_000L + i * 1_000L);
    }

    var refusal = SlidingLog.check(windows, times, 630_000);

    assertThat(refusal)
        .hasValueSatisfying(
            r -> {
              assertThat(r.retryAfterSeconds()).isEqualTo(2_970);
              assertThat(r.window().limit()).isEqualTo(20);
            });
  }
}
