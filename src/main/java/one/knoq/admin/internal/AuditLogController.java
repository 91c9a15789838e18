package one.knoq.admin.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import one.knoq.audit.AuditEntries;
import one.knoq.audit.AuditEntry;
import one.knoq.audit.AuditQuery;
import one.knoq.identity.Principal;
import one.knoq.web.ApiException;
import one.knoq.web.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/audit-log?type=&actor=&from=&to=&before=&limit=}: the active organisation's
 * audit log, newest first, for its admins on the Business plan. {@code type} is a prefix, {@code
 * actor} exact, {@code from} inclusive and {@code to} exclusive (ISO-8601 instants), {@code before}
 * the {@code nextBefore} of the previous page. Empty parameters are read as absent.
 */
@RestController
class AuditLogController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final int MAX_FILTER_LENGTH = 320;

  private final AuditEntries entries;
  private final BusinessAdminGate gate;

  AuditLogController(AuditEntries entries, BusinessAdminGate gate) {
    this.entries = entries;
    this.gate = gate;
  }

  @GetMapping("/api/admin/audit-log")
  Page auditLog(
      Principal principal,
      @RequestParam(required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String actor,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String before,
      @RequestParam(required = false) @Nullable String limit) {
    String typePrefix = text("type", type);
    String actorId = text("actor", actor);
    Instant fromInstant = instant("from", from);
    Instant toInstant = instant("to", to);
    if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
      throw new ApiException.BadRequest("from must be earlier than to");
    }
    String cursor = cursor(before);
    int size = limit(limit);
    gate.require(principal, "the audit log");
    // one more than asked tells whether another page exists
    List<AuditEntry> found =
        entries.search(
            new AuditQuery(
                principal.organisationId(), typePrefix, actorId, fromInstant, toInstant, cursor, size + 1));
    boolean more = found.size() > size;
    List<AuditEntry> page = more ? found.subList(0, size) : found;
    return new Page(
        page.stream().map(EntryView::of).toList(), more ? page.get(page.size() - 1).id() : null);
  }

  private static @Nullable String text(String name, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_FILTER_LENGTH) {
      throw new ApiException.BadRequest(name + " must be at most " + MAX_FILTER_LENGTH + " characters");
    }
    return value;
  }

  static @Nullable Instant instant(String name, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException.BadRequest(
          name + " must be an ISO-8601 instant such as 2026-05-20T10:15:00.000Z");
    }
  }

  private static @Nullable String cursor(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!value.matches("[0-9]{1,18}")) {
      throw new ApiException.BadRequest("before must be the id of an audit entry");
    }
    return value;
  }

  static int limit(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the 400 below
    }
    throw new ApiException.BadRequest("limit must be an integer from 1 to " + MAX_LIMIT);
  }

  /** One page; {@code nextBefore} is present only when older entries remain. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Page(List<EntryView> entries, @Nullable String nextBefore) {}

  /** An entry on the wire; {@code subject} is null when the entry has none. */
  record EntryView(
      String id,
      String type,
      String actor,
      @Nullable String subject,
      String occurredAt,
      Map<String, Object> details) {

    static EntryView of(AuditEntry e) {
      return new EntryView(
          e.id(), e.type(), e.actor(), e.subject(), Timestamps.format(e.occurredAt()), e.details());
    }
  }
}
