package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code attributes} and {@code excludedAttributes} (RFC 7644 §3.4.2.5) on a rendered resource. Names
 * are case-insensitive; {@code emails[type eq "work"]} selects the whole attribute; URN-qualified
 * names reach into the extension; {@code id} and {@code schemas} are always returned.
 */
record Projection(List<String> attributes, List<String> excluded) {

  static Projection of(@Nullable String attributes, @Nullable String excludedAttributes) {
    return new Projection(split(attributes), split(excludedAttributes));
  }

  private static List<String> split(@Nullable String list) {
    var out = new ArrayList<String>();
    if (list == null) {
      return out;
    }
    for (String part : list.split(",")) {
      String name = part.trim();
      int bracket = name.indexOf('[');
      if (bracket >= 0) {
        int close = name.indexOf(']', bracket);
        name = name.substring(0, bracket) + (close >= 0 ? name.substring(close + 1) : "");
      }
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  ObjectNode apply(ObjectNode resource) {
    ObjectNode result = resource;
    if (!attributes.isEmpty()) {
      result = ScimJson.object();
      copy(resource, result, "schemas");
      copy(resource, result, "id");
      for (String name : attributes) {
        include(resource, result, name);
      }
    }
    for (String name : excluded) {
      exclude(result, name);
    }
    return result;
  }

  private static void include(ObjectNode from, ObjectNode to, String name) {
    String[] urnAndPath = splitUrn(name);
    if (urnAndPath[0] == null) {
      name = urnAndPath[1];
    } else {
      JsonNode ext = from.get(urnAndPath[0]);
      if (ext == null || !ext.isObject()) {
        return;
      }
      if (urnAndPath[1].isEmpty()) {
        to.set(urnAndPath[0], ext.deepCopy());
        return;
      }
      ObjectNode target = to.has(urnAndPath[0]) ? (ObjectNode) to.get(urnAndPath[0]) : to.putObject(urnAndPath[0]);
      include((ObjectNode) ext, target, urnAndPath[1]);
      return;
    }
    int dot = name.indexOf('.');
    if (dot < 0) {
      copy(from, to, name);
      return;
    }
    String parent = name.substring(0, dot);
    JsonNode value = from.get(parent);
    if (value != null && value.isObject()) {
      String canonical = fieldName(from, parent);
      ObjectNode target = to.has(canonical) && to.get(canonical).isObject() ? (ObjectNode) to.get(canonical) : to.putObject(canonical);
      copy((ObjectNode) value, target, name.substring(dot + 1));
    } else if (value != null) {
      copy(from, to, parent);
    }
  }

  private static void exclude(ObjectNode node, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("id") || lower.equals("schemas")) {
      return;
    }
    String[] urnAndPath = splitUrn(name);
    if (urnAndPath[0] == null) {
      name = urnAndPath[1];
    } else {
      JsonNode ext = node.get(urnAndPath[0]);
      if (urnAndPath[1].isEmpty()) {
        node.remove(fieldName(node, urnAndPath[0]));
      } else if (ext != null && ext.isObject()) {
        exclude((ObjectNode) ext, urnAndPath[1]);
      }
      return;
    }
    int dot = name.indexOf('.');
    if (dot < 0) {
      node.remove(fieldName(node, name));
      return;
    }
    JsonNode parent = node.get(name.substring(0, dot));
    if (parent != null && parent.isObject()) {
      ((ObjectNode) parent).remove(fieldName((ObjectNode) parent, name.substring(dot + 1)));
    }
  }

  /** [urn or null, the rest]; only the enterprise extension's URN is known to this server. */
  private static @Nullable String[] splitUrn(String name) {
    if (name.regionMatches(true, 0, ScimJson.ENTERPRISE, 0, ScimJson.ENTERPRISE.length())) {
      String rest = name.substring(ScimJson.ENTERPRISE.length());
      return new String[] {ScimJson.ENTERPRISE, rest.startsWith(":") ? rest.substring(1) : rest};
    }
    for (String core : List.of(ScimJson.CORE_USER, ScimJson.CORE_GROUP)) {
      if (name.regionMatches(true, 0, core + ":", 0, core.length() + 1)) {
        return new String[] {null, name.substring(core.length() + 1)};
      }
    }
    return new String[] {null, name};
  }

  private static void copy(ObjectNode from, ObjectNode to, String name) {
    JsonNode value = from.get(name);
    if (value != null) {
      to.set(fieldName(from, name), value.deepCopy());
    }
  }

  /** The field's name as stored, for a name in any case. */
  private static String fieldName(ObjectNode node, String name) {
    var names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (n.equalsIgnoreCase(name)) {
        return n;
      }
    }
    return name;
  }
}
