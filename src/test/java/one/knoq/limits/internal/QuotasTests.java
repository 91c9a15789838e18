package one.knoq.limits.internal;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The monthly quota and cost cap on the embedded database. */
class QuotasTests extends QuotasContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2.freshDatabase(registry);
  }
}
