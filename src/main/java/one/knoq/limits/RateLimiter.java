package one.knoq.limits;

/**
 * Admits or refuses a user's request against a {@link RateLimit}. Must be called inside the caller's
 * transaction: the admission is recorded in it, so a request whose transaction rolls back consumes
 * nothing. Exact under concurrency and across nodes sharing the database.
 */
public interface RateLimiter {

  /**
   * Records one admitted request, or throws {@code ApiException.TooManyRequests} with the
   * Retry-After of the longest exceeded window.
   */
  void admit(String userId, RateLimit limit);
}
