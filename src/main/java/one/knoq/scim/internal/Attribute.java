package one.knoq.scim.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One attribute of a SCIM schema as this server stores it: its canonical name, type and sub-attributes. */
record Attribute(
    String name, Type type, boolean multiValued, boolean required, String mutability, List<Attribute> subAttributes) {

  enum Type {
    STRING,
    BOOLEAN,
    COMPLEX,
    REFERENCE;

    String wire() {
      return this == REFERENCE ? "reference" : name().toLowerCase(Locale.ROOT);
    }
  }

  static Attribute string(String name) {
    return new Attribute(name, Type.STRING, false, false, "readWrite", List.of());
  }

  static Attribute bool(String name) {
    return new Attribute(name, Type.BOOLEAN, false, false, "readWrite", List.of());
  }

  static Attribute complex(String name, Attribute... subs) {
    return new Attribute(name, Type.COMPLEX, false, false, "readWrite", List.of(subs));
  }

  static Attribute multi(String name, Attribute... subs) {
    return new Attribute(name, Type.COMPLEX, true, false, "readWrite", List.of(subs));
  }

  Attribute requiredAttribute() {
    return new Attribute(name, type, multiValued, true, mutability, subAttributes);
  }

  Attribute withMutability(String value) {
    return new Attribute(name, type, multiValued, required, value, subAttributes);
  }

  @Nullable Attribute sub(String name) {
    return find(subAttributes, name);
  }

  static @Nullable Attribute find(List<Attribute> attributes, String name) {
    for (Attribute a : attributes) {
      if (a.name.equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }

  static Map<String, Attribute> index(List<Attribute> attributes) {
    var map = new LinkedHashMap<String, Attribute>();
    attributes.forEach(a -> map.put(a.name.toLowerCase(Locale.ROOT), a));
    return map;
  }
}
