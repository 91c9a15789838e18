package one.knoq.scim;

/**
 * The one SCIM bearer token of each organisation. Only its SHA-256 is stored; issuing a new token
 * replaces the previous one at once, so the old token is refused by the next request.
 */
public interface ScimTokens {

  /** Generates a random 256-bit token for the organisation and returns it; it is never shown again. */
  String issue(String organisationId);

  /** Revokes the organisation's token, if any: SCIM requests are 401 until a new one is issued. */
  void revoke(String organisationId);
}
