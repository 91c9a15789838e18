package one.knoq.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a request body with the contract's error messages. Bodies are bound as trees so
 * that a wrong type names the field ("text must be a non-empty string") instead of a parser error.
 */
public final class JsonFields {

  private JsonFields() {}

  public static JsonNode object(@Nullable JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiException.BadRequest("request body must be a JSON object");
    }
    return body;
  }

  /** A string that is present, non-empty and not only whitespace. */
  public static String requiredText(JsonNode body, String field) {
    JsonNode value = object(body).get(field);
    if (value == null || !value.isString() || Text.isBlank(value.asString())) {
      throw new ApiException.BadRequest(field + " must be a non-empty string");
    }
    return wellFormed(field, value.asString());
  }

  /** A required text field, trimmed, of at most {@code maxLength} characters. */
  public static String requiredText(JsonNode body, String field, int maxLength) {
    String value = requiredText(body, field).trim();
    if (value.length() > maxLength) {
      throw new ApiException.BadRequest(field + " must be at most " + maxLength + " characters");
    }
    return value;
  }

  /** The longest email address we accept (RFC 5321's path limits). */
  public static final int MAX_EMAIL = 320;

  /** A plausible email address: one {@code @} with something on both sides, no whitespace. */
  public static String requiredEmail(JsonNode body, String field) {
    String email = requiredText(body, field, MAX_EMAIL);
    int at = email.indexOf('@');
    if (at <= 0
        || at != email.lastIndexOf('@')
        || at == email.length() - 1
        || email.chars().anyMatch(Character::isWhitespace)) {
      throw new ApiException.BadRequest(field + " must be an email address");
    }
    return email;
  }

  private static String wellFormed(String field, String value) {
    if (!Text.isWellFormed(value)) {
      throw Text.malformed(field);
    }
    return value;
  }

  public static @Nullable String optionalText(JsonNode body, String field) {
    JsonNode value = object(body).get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new ApiException.BadRequest(field + " must be a string");
    }
    return wellFormed(field, value.asString());
  }
}
