package one.knoq.audit.internal;

import one.knoq.support.PostgresSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit log's storage rules on PostgreSQL, where a trigger function keeps it append-only. */
@Tag("postgres")
@ExtendWith(PostgresSchema.class)
class AuditLogOnPostgresTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresSchema.register(registry);
  }

  // closed after the class so that nothing polls the schema once PostgresSchema drops it
  @Nested
  @DirtiesContext
  class Storage extends AuditLogContract {}
}
