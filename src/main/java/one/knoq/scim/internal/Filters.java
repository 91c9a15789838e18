package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * List filters (RFC 7644 §3.4.2.2), parsed by the UnboundID SDK. Before parsing, two habits of real
 * clients are rewritten into the RFC grammar by a tokenizer that respects quoted strings: bare
 * values ({@code externalId eq jyoung}) are quoted, and a comparison on a value path's
 * sub-attribute ({@code emails[type eq "work"].value eq "x"}, Entra) becomes
 * {@code emails[(type eq "work") and value eq "x"]}. String comparisons are case-insensitive (the
 * SDK's default without schema definitions), which is what userName and emails require.
 */
final class Filters {

  private static final Set<String> COMPARISONS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

  private Filters() {}

  /**
   * Parses a filter and checks that every attribute it names is one {@code supported} accepts
   * (given the attribute path, lower-cased, without filters); else 400 invalidFilter.
   */
  static Filter parse(String text, Predicate<String> supported) {
    Filter filter;
    try {
      filter = Filter.fromString(normalise(text));
    } catch (ScimException | RuntimeException e) {
      throw ScimError.invalidFilter("filter is not valid: " + e.getMessage());
    }
    check(filter, "", supported);
    return filter;
  }

  static boolean matches(Filter filter, JsonNode resource) {
    try {
      return FilterEvaluator.evaluate(filter, resource);
    } catch (ScimException e) {
      throw ScimError.invalidFilter(e.getMessage());
    }
  }

  private static void check(Filter filter, String prefix, Predicate<String> supported) {
    if (filter.isCombiningFilter()) {
      for (Filter f : filter.getCombinedFilters()) {
        check(f, prefix, supported);
      }
    } else if (filter.isNotFilter()) {
      check(filter.getInvertedFilter(), prefix, supported);
    } else if (filter.isComplexValueFilter()) {
      String attribute = name(filter.getAttributePath());
      require(prefix + attribute, supported);
      check(filter.getValueFilter(), prefix + attribute + ".", supported);
    } else {
      require(prefix + name(filter.getAttributePath()), supported);
    }
  }

  private static void require(String attribute, Predicate<String> supported) {
    if (!supported.test(attribute.toLowerCase(Locale.ROOT))) {
      throw ScimError.invalidFilter("filtering on " + attribute + " is not supported");
    }
  }

  /** The path without value filters, its schema URN kept as a prefix. */
  static String name(Path path) {
    var parts = new ArrayList<String>();
    for (Path.Element e : path) {
      parts.add(e.getAttribute());
    }
    String joined = String.join(".", parts);
    return path.getSchemaUrn() == null ? joined : path.getSchemaUrn() + ":" + joined;
  }

  // ---- the pre-parse rewriting ----

  static String normalise(String text) {
    List<String> tokens = tokenize(text);
    quoteBareValues(tokens);
    tokens = liftSubAttributeComparisons(tokens);
    return join(tokens);
  }

  static List<String> tokenize(String text) {
    var tokens = new ArrayList<String>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != '"') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        if (j >= text.length()) {
          throw ScimError.invalidFilter("filter has an unterminated string");
        }
        tokens.add(text.substring(i, j + 1));
        i = j + 1;
      } else if (c == '(' || c == ')' || c == '[' || c == ']') {
        tokens.add(String.valueOf(c));
        i++;
      } else {
        int j = i;
        while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && "()[]\"".indexOf(text.charAt(j)) < 0) {
          j++;
        }
        tokens.add(text.substring(i, j));
        i = j;
      }
    }
    return tokens;
  }

  private static void quoteBareValues(List<String> tokens) {
    for (int i = 2; i < tokens.size(); i++) {
      if (!COMPARISONS.contains(tokens.get(i - 1).toLowerCase(Locale.ROOT)) || isStructural(tokens.get(i - 2))) {
        continue;
      }
      String value = tokens.get(i);
      if (value.startsWith("\"") || isStructural(value)) {
        continue;
      }
      String lower = value.toLowerCase(Locale.ROOT);
      if (lower.equals("true") || lower.equals("false") || lower.equals("null")) {
        tokens.set(i, lower);
      } else if (!value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
        tokens.set(i, quote(value));
      }
    }
  }

  private static boolean isStructural(String token) {
    return token.equals("(") || token.equals(")") || token.equals("[") || token.equals("]");
  }

  /** {@code a[f].sub op v} → {@code a[(f) and sub op v]}, and {@code a[f].sub pr} likewise. */
  private static List<String> liftSubAttributeComparisons(List<String> tokens) {
    var out = new ArrayList<String>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      boolean sub = i + 1 < tokens.size() && t.equals("]") && tokens.get(i + 1).startsWith(".");
      if (!sub) {
        out.add(t);
        continue;
      }
      // find the matching '[' in out and wrap its content in parentheses
      int depth = 0;
      int open = -1;
      for (int k = out.size() - 1; k >= 0; k--) {
        if (out.get(k).equals("]")) {
          depth++;
        } else if (out.get(k).equals("[")) {
          if (depth == 0) {
            open = k;
            break;
          }
          depth--;
        }
      }
      if (open < 0) {
        throw ScimError.invalidFilter("filter has an unbalanced ']'");
      }
      out.add(open + 1, "(");
      out.add(")");
      out.add("and");
      out.add(tokens.get(i + 1).substring(1));
      i += 2;
      if (i < tokens.size()) {
        out.add(tokens.get(i));
        if (!tokens.get(i).equalsIgnoreCase("pr") && i + 1 < tokens.size()) {
          out.add(tokens.get(++i));
        }
      }
      out.add("]");
    }
    return out;
  }

  private static String join(List<String> tokens) {
    var sb = new StringBuilder();
    String previous = null;
    for (String t : tokens) {
      boolean tight = previous == null || previous.equals("[") || previous.equals("(") || t.equals("[") || t.equals("]") || t.equals(")");
      if (!tight) {
        sb.append(' ');
      }
      sb.append(t);
      previous = t;
    }
    return sb.toString();
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
