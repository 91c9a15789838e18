package one.knoq.identity;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * An operator's change to an organisation. A null field leaves that setting as it is; an {@link
 * Override} sets it, and an override whose value is null returns the setting to the plan's default.
 * Overrides stay when the plan changes.
 */
public record OrganisationChange(
    @Nullable Plan plan,
    @Nullable Override<Long> queryLimit,
    @Nullable Override<BigDecimal> capUsd,
    @Nullable Override<Integer> seats) {

  /** A new value for one allowance, or null for the plan's default. */
  public record Override<T>(@Nullable T value) {}
}
