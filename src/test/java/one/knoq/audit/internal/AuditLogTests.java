package one.knoq.audit.internal;

import org.springframework.test.context.TestPropertySource;

/** The audit log's storage rules on the embedded database. */
@TestPropertySource(
    properties =
        "spring.datasource.url=jdbc:h2:mem:knoq-audit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
class AuditLogTests extends AuditLogContract {}
