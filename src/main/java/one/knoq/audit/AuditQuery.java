package one.knoq.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A search of one organisation's audit log, newest first. Null fields do not filter.
 *
 * @param typePrefix entries whose type starts with this ({@code scim.} matches {@code scim.user_provisioned})
 * @param actor entries by exactly this actor
 * @param from entries that occurred at or after this instant (inclusive)
 * @param to entries that occurred before this instant (exclusive)
 * @param before entries older than the entry with this id (the paging cursor)
 * @param limit at most this many entries (at least 1)
 */
public record AuditQuery(
    String organisationId,
    @Nullable String typePrefix,
    @Nullable String actor,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String before,
    int limit) {

  public AuditQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
