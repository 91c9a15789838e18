package one.knoq.scim.internal;

import org.jspecify.annotations.Nullable;

/** A failure answered in the SCIM error schema (RFC 7644 §3.12), with its scimType where one applies. */
final class ScimError extends RuntimeException {

  private final int status;
  private final @Nullable String scimType;

  ScimError(int status, @Nullable String scimType, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.scimType = scimType;
  }

  int status() {
    return status;
  }

  @Nullable String scimType() {
    return scimType;
  }

  static ScimError invalidValue(String detail) {
    return new ScimError(400, "invalidValue", detail);
  }

  static ScimError invalidSyntax(String detail) {
    return new ScimError(400, "invalidSyntax", detail);
  }

  static ScimError invalidFilter(String detail) {
    return new ScimError(400, "invalidFilter", detail);
  }

  static ScimError invalidPath(String detail) {
    return new ScimError(400, "invalidPath", detail);
  }

  static ScimError uniqueness(String detail) {
    return new ScimError(409, "uniqueness", detail);
  }

  static ScimError notFound(String detail) {
    return new ScimError(404, null, detail);
  }
}
