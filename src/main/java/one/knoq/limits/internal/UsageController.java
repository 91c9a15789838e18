package one.knoq.limits.internal;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import one.knoq.identity.Principal;
import one.knoq.limits.Quotas;
import one.knoq.limits.Usage;
import one.knoq.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/usage[?month=YYYY-MM]}: the active organisation's usage, for its admins.
 * The {@link Principal} comes from identity's argument resolver.
 */
@RestController
class UsageController {

  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

  private final Quotas quotas;

  UsageController(Quotas quotas) {
    this.quotas = quotas;
  }

  @GetMapping("/api/admin/usage")
  UsageResponse usage(Principal principal, @RequestParam(required = false) @Nullable String month) {
    if (!principal.isAdmin()) {
      throw new ApiException.Forbidden("only an admin of the organisation may do this");
    }
    YearMonth which = month == null ? quotas.currentMonth() : parse(month);
    return UsageResponse.of(quotas.usage(principal.organisationId(), which));
  }

  private static YearMonth parse(String month) {
    if (MONTH.matcher(month).matches()) {
      try {
        return YearMonth.parse(month);
      } catch (DateTimeParseException e) {
        // falls through to the 400 below
      }
    }
    throw new ApiException.BadRequest("month must be a month in the form YYYY-MM");
  }

  /** The wire shape: money as plain JSON numbers. */
  record UsageResponse(
      String month, long queries, long queryLimit, double monthToDateUsd, double capUsd) {

    static UsageResponse of(Usage usage) {
      return new UsageResponse(
          usage.month().toString(),
          usage.queries(),
          usage.queryLimit(),
          usage.monthToDateUsd().doubleValue(),
          usage.capUsd().doubleValue());
    }
  }
}
