package one.knoq.identity.internal;

import java.time.Duration;

/**
 * How long a sign-in lives: 30 days at most, ended by 7 days without use. Last use is recorded at
 * most hourly, so a busy user costs one write an hour rather than one per request.
 */
final class SignInLifetime {

  static final Duration MAX_AGE = Duration.ofDays(30);
  static final Duration IDLE_LIMIT = Duration.ofDays(7);
  static final Duration TOUCH_INTERVAL = Duration.ofHours(1);

  private SignInLifetime() {}

  static long expiresAt(long createdAt) {
    return createdAt + MAX_AGE.toMillis();
  }

  static boolean isLive(long lastUsedAt, long expiresAt, long now) {
    return now < expiresAt && now < lastUsedAt + IDLE_LIMIT.toMillis();
  }

  static boolean needsTouch(long lastUsedAt, long now) {
    return now - lastUsedAt >= TOUCH_INTERVAL.toMillis();
  }

  /** Sign-ins used before this instant are idle-expired. */
  static long idleCutoff(long now) {
    return now - IDLE_LIMIT.toMillis();
  }
}
