package one.knoq.limits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import one.knoq.identity.Principal;
import one.knoq.identity.Role;
import one.knoq.limits.Quotas;
import one.knoq.limits.Usage;
import one.knoq.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The usage endpoint's own rules, called directly (the Principal resolver belongs to identity). */
class UsageControllerTests {

  private static final YearMonth NOW = YearMonth.of(2026, 5);

  private final UsageController controller = new UsageController(new StubQuotas());

  @Test
  void admins_get_the_current_month_by_default_with_money_as_numbers() {
    var usage = controller.usage(principal(Role.ADMIN), null);

    assertThat(usage)
        .isEqualTo(new UsageController.UsageResponse("2026-05", 7, 200, 1.5, 5.0));
  }

  @Test
  void an_earlier_month_can_be_asked_for() {
    assertThat(controller.usage(principal(Role.ADMIN), "2025-12").month()).isEqualTo("2025-12");
  }

  @Test
  void members_and_viewers_are_forbidden() {
    assertThatThrownBy(() -> controller.usage(principal(Role.MEMBER), null))
        .isInstanceOf(ApiException.Forbidden.class);
    assertThatThrownBy(() -> controller.usage(principal(Role.VIEWER), "2026-05"))
        .isInstanceOf(ApiException.Forbidden.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026-5", "2026-13", "2026-00", "05-2026", "2026-05-01", "abc"})
  void a_malformed_month_is_a_bad_request(String month) {
    assertThatThrownBy(() -> controller.usage(principal(Role.ADMIN), month))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessageContaining("month");
  }

  private static Principal principal(Role role) {
    return new Principal("user-1", "a@example.com", "org-1", role, "sign-in-1");
  }

  private static final class StubQuotas implements Quotas {
    @Override
    public void admitQuery(String organisationId) {}

    @Override
    public void recordCost(String organisationId, long atEpochMillis, BigDecimal usd) {}

    @Override
    public Usage usage(String organisationId, YearMonth month) {
      return new Usage(month, 7, 200, new BigDecimal("1.500000"), new BigDecimal("5"));
    }

    @Override
    public YearMonth currentMonth() {
      return NOW;
    }
  }
}
