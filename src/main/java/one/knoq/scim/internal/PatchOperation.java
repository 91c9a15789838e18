package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** One operation of a PatchOp request (RFC 7644 §3.5.2); {@code op} is read case-insensitively (Entra sends "Replace"). */
record PatchOperation(String op, @Nullable String path, @Nullable JsonNode value) {

  static List<PatchOperation> parse(ObjectNode body) {
    JsonNode operations = body.get("Operations");
    if (operations == null || !operations.isArray() || operations.isEmpty()) {
      throw ScimError.invalidSyntax("Operations must be a non-empty array");
    }
    var out = new ArrayList<PatchOperation>();
    for (JsonNode o : operations) {
      if (!o.isObject()) {
        throw ScimError.invalidSyntax("each operation must be an object");
      }
      JsonNode op = o.get("op");
      String name = op == null || !op.isTextual() ? "" : op.textValue().toLowerCase(Locale.ROOT);
      if (!name.equals("add") && !name.equals("replace") && !name.equals("remove")) {
        throw ScimError.invalidSyntax("op must be add, replace or remove");
      }
      JsonNode path = o.get("path");
      String pathText = path == null || path.isNull() || path.asText().isBlank() ? null : path.asText().trim();
      JsonNode value = o.get("value");
      if (pathText == null && !name.equals("remove") && (value == null || !value.isObject())) {
        throw ScimError.invalidValue(name + " without a path needs an object value");
      }
      if (pathText == null && name.equals("remove")) {
        throw new ScimError(400, "noTarget", "remove needs a path");
      }
      out.add(new PatchOperation(name, pathText, value == null || value.isNull() ? null : value));
    }
    return out;
  }
}
