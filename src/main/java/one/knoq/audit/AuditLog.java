package one.knoq.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The organisation's append-only audit log (spec 10). Recording joins the caller's transaction when
 * there is one, so an entry exists exactly when the change it describes was committed.
 */
public interface AuditLog {

  /**
   * Appends one entry.
   *
   * @param type e.g. {@code member.removed}, {@code scim.user_deprovisioned}
   * @param actor who did it: a user id, {@code scim}, {@code operator} or {@code system}
   * @param subject what it was done to (e.g. a user id), or null
   * @param details small JSON-serialisable facts about the change
   */
  void record(
      String organisationId,
      String type,
      String actor,
      @Nullable String subject,
      Map<String, Object> details);
}
