package one.knoq.scim.internal;

import static one.knoq.scim.internal.Attribute.bool;
import static one.knoq.scim.internal.Attribute.complex;
import static one.knoq.scim.internal.Attribute.multi;
import static one.knoq.scim.internal.Attribute.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The User attributes this server keeps (RFC 7643 §4.1 and the enterprise extension §4.3), and the
 * rule that turns what a client sent into the stored document: canonical attribute names whatever
 * their case, booleans from "True"/"False" strings, a bare manager id as {@code {value}}, readOnly,
 * writeOnly and unknown attributes dropped (RFC 7644 §3.5.1).
 */
final class UserSchema {

  static final List<Attribute> CORE =
      List.of(
          string("userName").requiredAttribute(),
          string("externalId"),
          complex(
              "name",
              string("formatted"),
              string("familyName"),
              string("givenName"),
              string("middleName"),
              string("honorificPrefix"),
              string("honorificSuffix")),
          string("displayName"),
          string("nickName"),
          string("profileUrl"),
          string("title"),
          string("userType"),
          string("preferredLanguage"),
          string("locale"),
          string("timezone"),
          bool("active"),
          multi("emails", string("value"), string("type"), bool("primary"), string("display")),
          multi("phoneNumbers", string("value"), string("type"), bool("primary"), string("display")),
          multi(
              "addresses",
              string("formatted"),
              string("streetAddress"),
              string("locality"),
              string("region"),
              string("postalCode"),
              string("country"),
              string("type"),
              bool("primary")));

  static final List<Attribute> ENTERPRISE =
      List.of(
          string("employeeNumber"),
          string("costCenter"),
          string("organization"),
          string("division"),
          string("department"),
          complex("manager", string("value"), string("$ref"), string("displayName")));

  private static final Map<String, Attribute> CORE_INDEX = Attribute.index(CORE);

  private UserSchema() {}

  static @Nullable Attribute core(String name) {
    return CORE_INDEX.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  static @Nullable Attribute enterprise(String name) {
    return Attribute.find(ENTERPRISE, name);
  }

  /** The stored form of a POST or PUT body. */
  static ObjectNode canonical(ObjectNode input) {
    ObjectNode out = ScimJson.object();
    var names = input.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode value = input.get(name);
      if (name.equalsIgnoreCase(ScimJson.ENTERPRISE)) {
        if (value != null && value.isObject()) {
          ObjectNode ext = canonicalObject((ObjectNode) value, ENTERPRISE);
          if (!ext.isEmpty()) {
            out.set(ScimJson.ENTERPRISE, ext);
          }
        }
        continue;
      }
      Attribute attribute = core(name);
      if (attribute != null) {
        JsonNode coerced = coerce(attribute, value);
        if (coerced != null) {
          out.set(attribute.name(), coerced);
        }
      }
    }
    return out;
  }

  static ObjectNode canonicalObject(ObjectNode input, List<Attribute> attributes) {
    ObjectNode out = ScimJson.object();
    var names = input.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      Attribute attribute = Attribute.find(attributes, name);
      if (attribute != null) {
        JsonNode coerced = coerce(attribute, input.get(name));
        if (coerced != null) {
          out.set(attribute.name(), coerced);
        }
      }
    }
    return out;
  }

  /** The value in its stored form, or null when it is null/empty (an unassigned attribute). */
  static @Nullable JsonNode coerce(Attribute attribute, @Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (attribute.multiValued()) {
      ArrayNode array = ScimJson.array();
      if (value.isArray()) {
        for (JsonNode element : value) {
          JsonNode one = coerceSingle(attribute, element);
          if (one != null) {
            array.add(one);
          }
        }
      } else {
        JsonNode one = coerceSingle(attribute, value);
        if (one != null) {
          array.add(one);
        }
      }
      return array.isEmpty() ? null : array;
    }
    return coerceSingle(attribute, value);
  }

  private static @Nullable JsonNode coerceSingle(Attribute attribute, JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    switch (attribute.type()) {
      case BOOLEAN:
        {
          Boolean b = ScimJson.bool(value);
          if (b == null) {
            throw ScimError.invalidValue(attribute.name() + " must be a boolean");
          }
          return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(b);
        }
      case COMPLEX:
        if (value.isObject()) {
          ObjectNode object = canonicalObject((ObjectNode) value, attribute.subAttributes());
          return object.isEmpty() ? null : object;
        }
        if (value.isValueNode() && attribute.sub("value") != null) {
          // Entra sends the enterprise manager as a bare id (fact 12)
          ObjectNode object = ScimJson.object();
          object.put("value", value.asText());
          return object;
        }
        throw ScimError.invalidValue(attribute.name() + " must be an object");
      default:
        if (value.isValueNode()) {
          return ScimJson.text(value.asText());
        }
        throw ScimError.invalidValue(attribute.name() + " must be a string");
    }
  }
}
