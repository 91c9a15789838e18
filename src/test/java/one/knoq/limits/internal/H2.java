package one.knoq.limits.internal;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh in-memory H2 database in PostgreSQL mode, as the embedded default runs. */
final class H2 {

  private H2() {}

  static void freshDatabase(DynamicPropertyRegistry registry) {
    String name = "limits-" + UUID.randomUUID();
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:"
                + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
