package one.knoq.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInLifetimeTests {

  private final Clock clock = Clock.fixed(Instant.parse("2026-05-20T10:15:00Z"), ZoneOffset.UTC);
  private final long now = clock.millis();

  private static long days(long n) {
    return Duration.ofDays(n).toMillis();
  }

  @Test
  void a_sign_in_used_within_seven_days_lives_until_thirty_days_after_it_started() {
    long created = now - days(29);
    assertThat(SignInLifetime.isLive(now - days(6), SignInLifetime.expiresAt(created), now)).isTrue();
    long older = now - days(30);
    assertThat(SignInLifetime.isLive(now - 1, SignInLifetime.expiresAt(older), now)).isFalse();
  }

  @Test
  void seven_days_without_use_end_it() {
    long created = now - days(8);
    assertThat(SignInLifetime.isLive(now - days(7), SignInLifetime.expiresAt(created), now)).isFalse();
    assertThat(SignInLifetime.isLive(now - days(7) + 1, SignInLifetime.expiresAt(created), now)).isTrue();
  }

  @Test
  void last_use_is_recorded_at_most_hourly() {
    assertThat(SignInLifetime.needsTouch(now - Duration.ofMinutes(59).toMillis(), now)).isFalse();
    assertThat(SignInLifetime.needsTouch(now - Duration.ofHours(1).toMillis(), now)).isTrue();
  }
}
