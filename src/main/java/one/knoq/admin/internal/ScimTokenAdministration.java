package one.knoq.admin.internal;

import java.util.Map;
import one.knoq.audit.AuditLog;
import one.knoq.scim.ScimTokens;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues and revokes an organisation's SCIM token together with its audit entry, in one transaction. */
@Service
class ScimTokenAdministration {

  private final ScimTokens tokens;
  private final AuditLog audit;

  ScimTokenAdministration(ScimTokens tokens, AuditLog audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  @Transactional
  String issue(String organisationId, String actor) {
    String token = tokens.issue(organisationId);
    audit.record(organisationId, "scim.token_generated", actor, null, Map.of());
    return token;
  }

  @Transactional
  void revoke(String organisationId, String actor) {
    tokens.revoke(organisationId);
    audit.record(organisationId, "scim.token_revoked", actor, null, Map.of());
  }
}
