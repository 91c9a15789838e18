package one.knoq.limits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import one.knoq.limits.RateLimit;
import one.knoq.web.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

/** The rate limits of spec 3, run against whichever database the subclass names. */
abstract class RateLimiterContract extends LimitsContextTest {

  private static final Instant T0 = Instant.parse("2026-05-20T10:00:00Z");

  @Autowired MeterRegistry meters;

  private Attempts attempts;
  private String user;

  @BeforeEach
  void freshUser() {
    attempts = attempts();
    user = "user-" + UUID.randomUUID();
    clock.set(T0);
  }

  @Test
  void tenth_session_is_admitted_and_eleventh_refused_until_the_oldest_leaves_the_minute() {
    for (int i = 0; i < 10; i++) {
      clock.set(T0.plusSeconds(i));
      admitSession();
    }

    clock.set(T0.plusSeconds(10));
    var refusal = refuseSession();
    assertThat(refusal.getMessage())
        .isEqualTo("rate limit exceeded: at most 10 sessions per minute");
    assertThat(refusal.retryAfterSeconds()).isEqualTo(50);

    clock.set(T0.plusSeconds(60).minusMillis(1));
    assertThat(refuseSession().retryAfterSeconds()).isEqualTo(1);

    clock.set(T0.plusSeconds(60));
    admitSession();
    assertThat(refuseSession().retryAfterSeconds())
        .as("the next oldest, admitted at T0+1s, leaves at T0+61s")
        .isEqualTo(1);
  }

  @Test
  void twenty_sessions_an_hour_refuse_with_the_longer_wait() {
    for (int i = 0; i < 10; i++) {
      clock.set(T0.plusSeconds(i));
      admitSession();
    }
    var secondBatch = T0.plus(Duration.ofMinutes(10));
    for (int i = 0; i < 10; i++) {
      clock.set(secondBatch.plusSeconds(i));
      admitSession();
    }

    // Both windows are full: the minute frees in 30 s, the hour only when T0's session leaves.
    clock.set(secondBatch.plusSeconds(30));
    var both = refuseSession();
    assertThat(both.retryAfterSeconds()).isEqualTo(3600 - 630);
    assertThat(both.getMessage()).isEqualTo("rate limit exceeded: at most 20 sessions per hour");

    clock.set(T0.plus(Duration.ofMinutes(20)));
    assertThat(refuseSession().retryAfterSeconds()).isEqualTo(2400);

    clock.set(T0.plus(Duration.ofHours(1)));
    admitSession();
    assertThat(refuseSession().retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void refused_requests_consume_nothing() {
    fill(RateLimit.CANCEL, 30);
    clock.set(T0.plusSeconds(30));
    for (int i = 0; i < 5; i++) {
      attempts.refused(() -> rateLimiter.admit(user, RateLimit.CANCEL));
    }

    // Had the refusals at T0+30s counted, only 25 would fit now.
    clock.set(T0.plusSeconds(60));
    fill(RateLimit.CANCEL, 30);
    assertThat(
            attempts.refused(() -> rateLimiter.admit(user, RateLimit.CANCEL)).retryAfterSeconds())
        .isEqualTo(60);
  }

  @Test
  void rolled_back_admissions_consume_nothing() {
    for (int i = 0; i < 25; i++) {
      attempts.rolledBack(() -> rateLimiter.admit(user, RateLimit.SESSION_CREATE));
    }
    fill(RateLimit.SESSION_CREATE, 10);
    refuseSession();
  }

  @Test
  void admission_joins_the_callers_transaction_and_requires_one() {
    assertThatThrownBy(() -> rateLimiter.admit(user, RateLimit.MESSAGE))
        .isInstanceOf(IllegalTransactionStateException.class);
    assertThat(admissionsOf(user)).isZero();
  }

  @Test
  void messages_and_cancels_have_their_own_per_minute_limits() {
    fill(RateLimit.MESSAGE, 60);
    assertThat(attempts.refused(() -> rateLimiter.admit(user, RateLimit.MESSAGE)).getMessage())
        .isEqualTo("rate limit exceeded: at most 60 messages per minute");

    fill(RateLimit.CANCEL, 30);
    var cancel = attempts.refused(() -> rateLimiter.admit(user, RateLimit.CANCEL));
    assertThat(cancel.getMessage())
        .isEqualTo("rate limit exceeded: at most 30 cancel requests per minute");
    assertThat(cancel.retryAfterSeconds()).isEqualTo(60);

    admitSession();
  }

  @Test
  void users_are_limited_apart() {
    fill(RateLimit.SESSION_CREATE, 10);
    refuseSession();

    attempts.admitted(() -> rateLimiter.admit("other-" + user, RateLimit.SESSION_CREATE));
  }

  @Test
  void refusals_are_counted_by_kind() {
    var counter = meters.counter(DatabaseRateLimiter.REFUSALS, "kind", "cancel");
    double before = counter.count();
    fill(RateLimit.CANCEL, 30);
    attempts.refused(() -> rateLimiter.admit(user, RateLimit.CANCEL));
    attempts.refused(() -> rateLimiter.admit(user, RateLimit.CANCEL));

    assertThat(counter.count() - before).isEqualTo(2);
  }

  @Test
  void admissions_older_than_the_longest_window_are_pruned() {
    fill(RateLimit.SESSION_CREATE, 10);
    clock.set(T0.plus(Duration.ofHours(1)).plusMillis(1));
    admitSession();

    assertThat(admissionsOf(user)).isEqualTo(1);
  }

  @Test
  void exactly_ten_of_forty_racing_session_creates_are_admitted() throws Exception {
    int admitted = attempts.race(40, () -> rateLimiter.admit(user, RateLimit.SESSION_CREATE));

    assertThat(admitted).isEqualTo(10);
    assertThat(admissionsOf(user)).isEqualTo(10);
  }

  @Test
  void exactly_sixty_of_a_hundred_racing_messages_are_admitted() throws Exception {
    int admitted = attempts.race(100, () -> rateLimiter.admit(user, RateLimit.MESSAGE));

    assertThat(admitted).isEqualTo(60);
  }

  private void admitSession() {
    attempts.admitted(() -> rateLimiter.admit(user, RateLimit.SESSION_CREATE));
  }

  private ApiException.TooManyRequests refuseSession() {
    return attempts.refused(() -> rateLimiter.admit(user, RateLimit.SESSION_CREATE));
  }

  private void fill(RateLimit limit, int times) {
    for (int i = 0; i < times; i++) {
      attempts.admitted(() -> rateLimiter.admit(user, limit));
    }
  }

  private long admissionsOf(String userId) {
    return jdbc.queryForObject(
        "select count(*) from rate_limit_admissions where user_id = ?", Long.class, userId);
  }
}
