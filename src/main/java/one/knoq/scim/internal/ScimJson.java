package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * SCIM documents are Jackson 2 trees from the UnboundID SDK's factory, whose objects look up field
 * names case-insensitively (RFC 7643 §2.1) — the SDK's filter evaluator and paths work on them.
 */
final class ScimJson {

  static final MediaType SCIM = MediaType.parseMediaType("application/scim+json");
  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private ScimJson() {}

  static ObjectNode object() {
    return JsonUtils.getJsonNodeFactory().objectNode();
  }

  static ArrayNode array() {
    return JsonUtils.getJsonNodeFactory().arrayNode();
  }

  static JsonNode text(String value) {
    return JsonUtils.getJsonNodeFactory().textNode(value);
  }

  /** Reads a request body that must be a JSON object; anything else is 400 invalidSyntax. */
  static ObjectNode parseObject(byte @Nullable [] body) {
    if (body == null || body.length == 0) {
      throw ScimError.invalidSyntax("request body is required");
    }
    JsonNode node;
    try {
      node = JsonUtils.getObjectReader().readTree(body);
    } catch (Exception e) {
      throw ScimError.invalidSyntax("request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ScimError.invalidSyntax("request body must be a JSON object");
    }
    requireWellFormedText(node);
    return (ObjectNode) node;
  }

  /** Refuses U+0000 and unpaired surrogates anywhere in the body: they are not storable text. */
  private static void requireWellFormedText(JsonNode node) {
    if (node.isTextual() && !one.knoq.web.Text.isWellFormed(node.textValue())) {
      throw ScimError.invalidValue("values must not contain NUL characters or unpaired surrogates");
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!one.knoq.web.Text.isWellFormed(name)) {
        throw ScimError.invalidValue("attribute names must not contain NUL characters or unpaired surrogates");
      }
    }
    for (JsonNode child : node) {
      requireWellFormedText(child);
    }
  }

  /** Reads a stored document (written by this server). */
  static ObjectNode readStored(String json) {
    try {
      return (ObjectNode) JsonUtils.getObjectReader().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored SCIM resource is not JSON", e);
    }
  }

  static String write(JsonNode node) {
    try {
      return JsonUtils.getObjectWriter().writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ResponseEntity<byte[]> respond(int status, JsonNode body) {
    return ResponseEntity.status(status).contentType(SCIM).body(write(body).getBytes(StandardCharsets.UTF_8));
  }

  static ObjectNode errorBody(int status, @Nullable String scimType, String detail) {
    ObjectNode body = object();
    body.putArray("schemas").add(ERROR);
    body.put("status", Integer.toString(status));
    if (scimType != null) {
      body.put("scimType", scimType);
    }
    body.put("detail", detail);
    return body;
  }

  static ObjectNode listResponse(int totalResults, int startIndex, List<? extends JsonNode> page) {
    ObjectNode body = object();
    body.putArray("schemas").add(LIST_RESPONSE);
    body.put("totalResults", totalResults);
    body.put("startIndex", startIndex);
    body.put("itemsPerPage", page.size());
    ArrayNode resources = body.putArray("Resources");
    page.forEach(resources::add);
    return body;
  }

  /** Accepts booleans and, as Entra sends them, the strings "true"/"false" in any case. */
  static @Nullable Boolean bool(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.equalsIgnoreCase("true")) {
        return true;
      }
      if (text.equalsIgnoreCase("false")) {
        return false;
      }
    }
    return null;
  }
}
