package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies PATCH operations to a stored User document (RFC 7644 §3.5.2) with the habits of real
 * clients: path-less values whose keys are paths ({@code name.givenName}, URN-qualified enterprise
 * keys; facts 4, 17), value filters with sub-attributes where a replace that matches nothing adds
 * (fact 11), URN paths into the enterprise extension (facts 3, 13). The SDK parses each path.
 * Attributes this server does not keep are ignored rather than failing a whole provisioning push.
 */
final class UserPatch {

  private static final Set<String> IGNORED = Set.of("id", "meta", "schemas", "groups", "password");

  private UserPatch() {}

  static void apply(ObjectNode doc, List<PatchOperation> operations) {
    for (PatchOperation operation : operations) {
      if (operation.path() == null) {
        ObjectNode value = (ObjectNode) operation.value();
        var names = value.fieldNames();
        while (names.hasNext()) {
          String key = names.next();
          JsonNode v = value.get(key);
          if (key.equalsIgnoreCase(ScimJson.ENTERPRISE) && v != null && v.isObject()) {
            var subs = v.fieldNames();
            while (subs.hasNext()) {
              String sub = subs.next();
              applyPath(doc, operation.op(), ScimJson.ENTERPRISE + ":" + sub, v.get(sub));
            }
          } else {
            applyPath(doc, operation.op(), key, v);
          }
        }
      } else {
        applyPath(doc, operation.op(), operation.path(), operation.value());
      }
    }
    JsonNode ext = doc.get(ScimJson.ENTERPRISE);
    if (ext != null && ext.isObject() && ext.isEmpty()) {
      doc.remove(ScimJson.ENTERPRISE);
    }
  }

  private static void applyPath(ObjectNode doc, String op, String rawPath, @Nullable JsonNode value) {
    ObjectNode target = doc;
    List<Attribute> schema = UserSchema.CORE;
    String path = rawPath;
    if (path.regionMatches(true, 0, ScimJson.ENTERPRISE, 0, ScimJson.ENTERPRISE.length())) {
      String rest = path.substring(ScimJson.ENTERPRISE.length());
      if (rest.isEmpty()) {
        if (op.equals("remove")) {
          doc.remove(ScimJson.ENTERPRISE);
        } else if (value != null && value.isObject()) {
          var subs = value.fieldNames();
          while (subs.hasNext()) {
            String sub = subs.next();
            applyPath(doc, op, ScimJson.ENTERPRISE + ":" + sub, value.get(sub));
          }
        }
        return;
      }
      if (!rest.startsWith(":")) {
        throw ScimError.invalidPath("unknown path " + rawPath);
      }
      path = rest.substring(1);
      JsonNode ext = doc.get(ScimJson.ENTERPRISE);
      target = ext != null && ext.isObject() ? (ObjectNode) ext : doc.putObject(ScimJson.ENTERPRISE);
      schema = UserSchema.ENTERPRISE;
    } else if (path.regionMatches(true, 0, ScimJson.CORE_USER + ":", 0, ScimJson.CORE_USER.length() + 1)) {
      path = path.substring(ScimJson.CORE_USER.length() + 1);
    }
    Path parsed;
    try {
      parsed = Path.fromString(path);
    } catch (ScimException e) {
      throw ScimError.invalidPath("path is not valid: " + rawPath);
    }
    if (parsed.size() == 0 || parsed.size() > 2) {
      throw ScimError.invalidPath("path is not valid: " + rawPath);
    }
    Path.Element first = parsed.getElement(0);
    if (IGNORED.contains(first.getAttribute().toLowerCase(Locale.ROOT))) {
      return; // readOnly or writeOnly: ignored, never a failure
    }
    Attribute attribute = Attribute.find(schema, first.getAttribute());
    if (attribute == null) {
      return; // an attribute this server does not keep
    }
    Attribute sub = null;
    if (parsed.size() == 2) {
      sub = attribute.sub(parsed.getElement(1).getAttribute());
      if (sub == null) {
        return;
      }
    }
    Filter filter = first.getValueFilter();
    if (!attribute.multiValued()) {
      applySingle(target, op, attribute, sub, value);
    } else {
      applyMulti(target, op, attribute, filter, sub, value);
    }
  }

  private static void applySingle(ObjectNode target, String op, Attribute attribute, @Nullable Attribute sub, @Nullable JsonNode value) {
    if (sub == null) {
      if (op.equals("remove")) {
        target.remove(attribute.name());
        return;
      }
      JsonNode coerced = UserSchema.coerce(attribute, value);
      JsonNode current = target.get(attribute.name());
      if (coerced == null) {
        target.remove(attribute.name());
      } else if (attribute.type() == Attribute.Type.COMPLEX && current != null && current.isObject()) {
        ((ObjectNode) current).setAll((ObjectNode) coerced); // sub-attributes not given are kept
      } else {
        target.set(attribute.name(), coerced);
      }
      return;
    }
    JsonNode current = target.get(attribute.name());
    ObjectNode object = current != null && current.isObject() ? (ObjectNode) current : null;
    if (op.equals("remove")) {
      if (object != null) {
        object.remove(sub.name());
        if (object.isEmpty()) {
          target.remove(attribute.name());
        }
      }
      return;
    }
    if (object == null) {
      object = target.putObject(attribute.name());
    }
    JsonNode coerced = UserSchema.coerce(sub, value);
    if (coerced == null) {
      object.remove(sub.name());
    } else {
      object.set(sub.name(), coerced);
    }
  }

  private static void applyMulti(
      ObjectNode target, String op, Attribute attribute, @Nullable Filter filter, @Nullable Attribute sub, @Nullable JsonNode value) {
    JsonNode existing = target.get(attribute.name());
    ArrayNode array = existing != null && existing.isArray() ? (ArrayNode) existing : ScimJson.array();
    if (filter == null && sub == null) {
      if (op.equals("remove")) {
        target.remove(attribute.name());
        return;
      }
      JsonNode coerced = UserSchema.coerce(attribute, value);
      ArrayNode result = op.equals("replace") ? ScimJson.array() : array;
      if (coerced != null) {
        result.addAll((ArrayNode) coerced);
      }
      setOrRemove(target, attribute, result);
      return;
    }
    boolean matched = false;
    Iterator<JsonNode> elements = array.iterator();
    while (elements.hasNext()) {
      JsonNode element = elements.next();
      if (!element.isObject() || (filter != null && !Filters.matches(filter, element))) {
        continue;
      }
      matched = true;
      ObjectNode object = (ObjectNode) element;
      if (op.equals("remove")) {
        if (sub == null) {
          elements.remove();
        } else {
          object.remove(sub.name());
        }
      } else if (sub != null) {
        JsonNode coerced = UserSchema.coerce(sub, value);
        if (coerced == null) {
          object.remove(sub.name());
        } else {
          object.set(sub.name(), coerced);
        }
      } else if (value != null && value.isObject()) {
        object.setAll(UserSchema.canonicalObject((ObjectNode) value, attribute.subAttributes()));
      }
    }
    if (!matched && !op.equals("remove") && value != null) {
      // Entra expects a filtered replace or add with no match to create the value (fact 11)
      ObjectNode created = ScimJson.object();
      if (filter != null) {
        seed(created, filter, attribute);
      }
      if (sub != null) {
        JsonNode coerced = UserSchema.coerce(sub, value);
        if (coerced != null) {
          created.set(sub.name(), coerced);
        }
      } else if (value.isObject()) {
        created.setAll(UserSchema.canonicalObject((ObjectNode) value, attribute.subAttributes()));
      }
      array.add(created);
    }
    setOrRemove(target, attribute, array);
  }

  /** The sub-attributes a filter's {@code eq} comparisons pin down, e.g. {@code type eq "work"} → type: work. */
  private static void seed(ObjectNode created, Filter filter, Attribute attribute) {
    if (filter.isCombiningFilter()) {
      if (filter.getFilterType() == com.unboundid.scim2.common.filters.FilterType.AND) {
        filter.getCombinedFilters().forEach(f -> seed(created, f, attribute));
      }
      return;
    }
    if (filter.getFilterType() == com.unboundid.scim2.common.filters.FilterType.EQUAL) {
      Attribute sub = attribute.sub(Filters.name(filter.getAttributePath()));
      JsonNode coerced = sub == null ? null : UserSchema.coerce(sub, filter.getComparisonValue());
      if (coerced != null) {
        created.set(sub.name(), coerced);
      }
    }
  }

  private static void setOrRemove(ObjectNode target, Attribute attribute, ArrayNode array) {
    if (array.isEmpty()) {
      target.remove(attribute.name());
    } else {
      target.set(attribute.name(), array);
    }
  }
}
