package one.knoq.limits.internal;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate limits on the embedded database. */
class RateLimiterTests extends RateLimiterContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2.freshDatabase(registry);
  }
}
