package one.knoq.identity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An organisation with its effective allowances: the plan's defaults unless an operator overrode
 * them. {@code seats} is {@link Integer#MAX_VALUE} when unlimited. {@code featurePlan} is the plan
 * whose seats and features apply: the plan itself, or for an expired organisation the plan it had
 * before it expired (spec 7: "as before").
 */
public record Organisation(
    String id,
    String name,
    Plan plan,
    long queryLimit,
    BigDecimal capUsd,
    int seats,
    Instant createdAt,
    Plan featurePlan) {

  public Organisation(
      String id, String name, Plan plan, long queryLimit, BigDecimal capUsd, int seats, Instant createdAt) {
    this(id, name, plan, queryLimit, capUsd, seats, createdAt, plan);
  }

  /** Audit log, SCIM and SSO: Business features, kept by a Business organisation that expired. */
  public boolean allowsAuditScimSso() {
    return featurePlan.allowsAuditScimSso();
  }
}
