package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.filters.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A list request (RFC 7644 §3.4.2): filter, 1-based {@code startIndex} (below 1 is 1), {@code count}
 * (negative is 0; 0 answers only totalResults), attributes. Filtering runs in memory over the
 * organisation's rendered resources, already in a stable order (created, id): the SDK's evaluator
 * then covers the whole grammar — and/or/not, value paths, case-insensitive names and strings —
 * identically on H2 and PostgreSQL, which a SQL translation would have to re-implement twice. An
 * organisation's IdP-managed population is small enough for that.
 */
record ListQuery(@Nullable Filter filter, int startIndex, int count, Projection projection) {

  static final int MAX_RESULTS = 200;

  static ListQuery of(
      @Nullable String filter, @Nullable String startIndex, @Nullable String count, @Nullable String attributes,
      @Nullable String excludedAttributes, Predicate<String> filterable) {
    Filter parsed = filter == null || filter.isBlank() ? null : Filters.parse(filter, filterable);
    int start = Math.max(1, integer(startIndex, 1, "startIndex"));
    int size = Math.min(MAX_RESULTS, Math.max(0, integer(count, 100, "count")));
    return new ListQuery(parsed, start, size, Projection.of(attributes, excludedAttributes));
  }

  ObjectNode answer(List<ObjectNode> resources) {
    var matching = new ArrayList<ObjectNode>();
    for (ObjectNode r : resources) {
      if (filter == null || Filters.matches(filter, r)) {
        matching.add(r);
      }
    }
    int from = Math.min(matching.size(), startIndex - 1);
    int to = Math.min(matching.size(), from + count);
    var page = new ArrayList<ObjectNode>();
    for (ObjectNode r : matching.subList(from, to)) {
      page.add(projection.apply(r));
    }
    return ScimJson.listResponse(matching.size(), startIndex, page);
  }

  private static int integer(@Nullable String value, int otherwise, String name) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      throw ScimError.invalidValue(name + " must be an integer");
    }
  }
}
