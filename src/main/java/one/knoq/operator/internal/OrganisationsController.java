package one.knoq.operator.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.knoq.identity.Organisation;
import one.knoq.identity.OrganisationChange;
import one.knoq.identity.OrganisationChange.Override;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;
import one.knoq.web.ApiException;
import one.knoq.web.JsonFields;
import one.knoq.web.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The operator's organisations API (spec 8). The bearer token is checked by {@link
 * OperatorAuthenticationFilter} before any of this runs. Unlimited seats read as {@value
 * #UNLIMITED_SEATS} ({@code Integer.MAX_VALUE}), and that value sets them unlimited.
 */
@RestController
@RequestMapping("/api/operator/organisations")
class OrganisationsController {

  static final int UNLIMITED_SEATS = Integer.MAX_VALUE;
  private static final int MAX_NAME = 200;
  private static final int MIN_PASSWORD = 12;
  // numeric(14, 2)
  private static final BigDecimal MAX_CAP = new BigDecimal("999999999999.99");

  private final Operations operations;
  private final Organisations organisations;

  OrganisationsController(Operations operations, Organisations organisations) {
    this.operations = operations;
    this.organisations = organisations;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  OrganisationView create(@RequestBody JsonNode body) {
    String name = JsonFields.requiredText(body, "name", MAX_NAME);
    Plan plan = plan(JsonFields.requiredText(body, "plan"));
    String adminEmail = JsonFields.requiredEmail(body, "adminEmail");
    String adminPassword = JsonFields.requiredText(body, "adminPassword");
    if (adminPassword.codePointCount(0, adminPassword.length()) < MIN_PASSWORD) {
      throw new ApiException.BadRequest("adminPassword must be at least " + MIN_PASSWORD + " characters");
    }
    String adminName = JsonFields.optionalText(body, "adminName");
    if (adminName == null || adminName.isBlank()) {
      adminName = adminEmail.substring(0, adminEmail.indexOf('@'));
    } else if (adminName.trim().length() > MAX_NAME) {
      throw new ApiException.BadRequest("adminName must be at most " + MAX_NAME + " characters");
    }
    return OrganisationView.of(operations.create(name, plan, adminEmail, adminName.trim(), adminPassword));
  }

  @GetMapping
  Map<String, List<OrganisationView>> list() {
    return Map.of("organisations", organisations.list().stream().map(OrganisationView::of).toList());
  }

  @PatchMapping("/{id}")
  OrganisationView update(@PathVariable String id, @RequestBody JsonNode body) {
    JsonFields.object(body);
    var requested = new LinkedHashMap<String, Object>();
    Plan plan = null;
    if (body.has("plan")) {
      plan = plan(JsonFields.requiredText(body, "plan"));
      requested.put("plan", plan.wire());
    }
    Override<Long> queryLimit = null;
    if (body.has("queryLimit")) {
      Long value = whole(body.get("queryLimit"), "queryLimit", 0, Long.MAX_VALUE);
      queryLimit = new Override<>(value);
      requested.put("queryLimit", value);
    }
    Override<BigDecimal> capUsd = null;
    if (body.has("capUsd")) {
      BigDecimal value = money(body.get("capUsd"));
      capUsd = new Override<>(value);
      requested.put("capUsd", value);
    }
    Override<Integer> seats = null;
    if (body.has("seats")) {
      Long value = whole(body.get("seats"), "seats", 1, UNLIMITED_SEATS);
      seats = new Override<>(value == null ? null : value.intValue());
      requested.put("seats", value);
    }
    return operations
        .update(id, new OrganisationChange(plan, queryLimit, capUsd, seats), requested)
        .map(OrganisationView::of)
        .orElseThrow(() -> new ApiException.NotFound("organisation not found"));
  }

  private static Plan plan(String wire) {
    return Plan.parse(wire)
        .orElseThrow(() -> new ApiException.BadRequest("plan must be one of free, solo, team, business, expired"));
  }



  /** A whole number in range, or null (back to the plan's default) for JSON null. */
  private static @Nullable Long whole(JsonNode value, String field, long min, long max) {
    if (value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
      throw new ApiException.BadRequest(field + " must be a whole number from " + min + " to " + max + ", or null");
    }
    return value.asLong();
  }

  /** At most two decimals, as stored; null means back to the plan's default. */
  private static @Nullable BigDecimal money(JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      BigDecimal amount = value.decimalValue().stripTrailingZeros();
      if (amount.signum() >= 0 && amount.scale() <= 2 && amount.compareTo(MAX_CAP) <= 0) {
        return amount.setScale(2);
      }
    }
    throw new ApiException.BadRequest("capUsd must be a number of US dollars from 0 with at most 2 decimals, or null");
  }

  /** The wire shape: money as a plain JSON number, seats {@value #UNLIMITED_SEATS} when unlimited. */
  record OrganisationView(
      String id, String name, String plan, long queryLimit, double capUsd, int seats, String createdAt) {

    static OrganisationView of(Organisation o) {
      return new OrganisationView(
          o.id(), o.name(), o.plan().wire(), o.queryLimit(), o.capUsd().doubleValue(), o.seats(), Timestamps.format(o.createdAt()));
    }
  }
}
