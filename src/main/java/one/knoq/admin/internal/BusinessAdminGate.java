package one.knoq.admin.internal;

import one.knoq.identity.Organisation;
import one.knoq.identity.Organisations;
import one.knoq.identity.Principal;
import one.knoq.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * The role and plan gates of the Business admin features (spec 7 and 8): the caller must be an admin
 * of the active organisation (else 403), and the organisation's plan must include the feature (else
 * 403). Called after the request's fields are validated, as the order of checks asks.
 */
@Component
class BusinessAdminGate {

  private final Organisations organisations;

  BusinessAdminGate(Organisations organisations) {
    this.organisations = organisations;
  }

  /** The caller's organisation once both gates pass; {@code feature} names it in the 403. */
  Organisation require(Principal principal, String feature) {
    if (!principal.isAdmin()) {
      throw new ApiException.Forbidden("only an admin of the organisation may do this");
    }
    Organisation organisation =
        organisations
            .find(principal.organisationId())
            .orElseThrow(() -> new ApiException.Unauthenticated("sign-in required"));
    if (!organisation.allowsAuditScimSso()) {
      throw new ApiException.Forbidden("Your organisation's plan does not include " + feature);
    }
    return organisation;
  }
}
