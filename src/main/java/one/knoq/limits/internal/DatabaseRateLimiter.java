package one.knoq.limits.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import one.knoq.limits.RateLimit;
import one.knoq.limits.RateLimiter;
import one.knoq.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rolling-window limiter over the database: lock (user, kind), count the admissions in each
 * window, record this one. All in the caller's transaction, so a rolled-back request consumes
 * nothing; the row lock makes it exact across threads and nodes.
 */
@Service
class DatabaseRateLimiter implements RateLimiter {

  static final String REFUSALS = "knoq.ratelimit.refusals";

  private final AdmissionLog log;
  private final Clock clock;
  private final Map<RateLimit, Counter> refusals = new EnumMap<>(RateLimit.class);

  DatabaseRateLimiter(AdmissionLog log, Clock clock, MeterRegistry registry) {
    this.log = log;
    this.clock = clock;
    for (RateLimit limit : RateLimit.values()) {
      refusals.put(
          limit,
          Counter.builder(REFUSALS)
              .description("Requests refused by a per-user rate limit")
              .tag("kind", kind(limit))
              .register(registry));
    }
  }

  // A refusal marks the caller's transaction rollback-only (the default rule): whatever else the
  // request was granted in it, e.g. another limit, is then undone, as spec 2's order of checks asks.
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void admit(String userId, RateLimit limit) {
    String kind = kind(limit);
    log.lock(userId, kind);
    // Read after the lock so that admission times follow the order in which the lock was held.
    long now = clock.millis();
    long horizon = now - SlidingLog.longestMillis(limit.windows());
    var refusal = SlidingLog.check(limit.windows(), log.admittedAfter(userId, kind, horizon), now);
    if (refusal.isPresent()) {
      refusals.get(limit).increment();
      throw new ApiException.TooManyRequests(
          message(limit, refusal.get().window()), refusal.get().retryAfterSeconds());
    }
    log.prune(userId, kind, horizon);
    log.record(userId, kind, now);
  }

  static String kind(RateLimit limit) {
    return limit.name().toLowerCase(Locale.ROOT);
  }

  static String message(RateLimit limit, RateLimit.Window window) {
    return "rate limit exceeded: at most %d %s per %s"
        .formatted(window.limit(), noun(limit), period(window.length()));
  }

  private static String noun(RateLimit limit) {
    return switch (limit) {
      case SESSION_CREATE -> "sessions";
      case MESSAGE -> "messages";
      case CANCEL -> "cancel requests";
    };
  }

  private static String period(Duration length) {
    if (length.equals(Duration.ofHours(1))) {
      return "hour";
    }
    if (length.equals(Duration.ofMinutes(1))) {
      return "minute";
    }
    return length.toSeconds() + " seconds";
  }
}
