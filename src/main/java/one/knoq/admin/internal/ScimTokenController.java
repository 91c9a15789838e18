package one.knoq.admin.internal;

import java.util.Map;
import one.knoq.identity.Principal;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/scim-token} answers a new token once (the previous one stops working at
 * once); {@code DELETE} revokes it. Admins of Business organisations only.
 */
@RestController
@RequestMapping("/api/admin/scim-token")
class ScimTokenController {

  private static final String FEATURE = "SCIM provisioning";

  private final ScimTokenAdministration tokens;
  private final BusinessAdminGate gate;

  ScimTokenController(ScimTokenAdministration tokens, BusinessAdminGate gate) {
    this.tokens = tokens;
    this.gate = gate;
  }

  @PostMapping
  ResponseEntity<Map<String, String>> issue(Principal principal) {
    gate.require(principal, FEATURE);
    String token = tokens.issue(principal.organisationId(), principal.userId());
    // a secret shown once: no cache may keep it
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("token", token));
  }

  @DeleteMapping
  Map<String, Object> revoke(Principal principal) {
    gate.require(principal, FEATURE);
    tokens.revoke(principal.organisationId(), principal.userId());
    return Map.of("ok", true);
  }
}
