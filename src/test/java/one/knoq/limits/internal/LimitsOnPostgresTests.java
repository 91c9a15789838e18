package one.knoq.limits.internal;

import one.knoq.support.PostgresSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rate-limit and quota contracts again on the production database, where the row locks and
 * insert-if-absent statements behave as they will across nodes.
 */
@Tag("postgres")
@ExtendWith(PostgresSchema.class)
class LimitsOnPostgresTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresSchema.register(registry);
  }

  // Closed after each class so that nothing polls the schema once PostgresSchema drops it.
  @Nested
  @DirtiesContext
  class RateLimits extends RateLimiterContract {}

  @Nested
  @DirtiesContext
  class Quotas extends QuotasContract {}
}
