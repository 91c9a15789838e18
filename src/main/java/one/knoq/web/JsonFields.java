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
