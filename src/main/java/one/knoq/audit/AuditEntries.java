package one.knoq.audit;

import java.util.List;

/** Reads an organisation's audit log (the admin endpoint). */
public interface AuditEntries {

  /**
   * The entries matching the query, newest first ({@code occurredAt}, then id, descending).
   * {@code one.knoq.web.ApiException.BadRequest} when {@code before} names no entry of the
   * organisation.
   */
  List<AuditEntry> search(AuditQuery query);
}
