package one.knoq.audit;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One entry of an organisation's audit log, as read back. Ids are opaque strings. */
public record AuditEntry(
    String id,
    String type,
    String actor,
    @Nullable String subject,
    Instant occurredAt,
    Map<String, Object> details) {}
