package one.knoq.identity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An organisation with its effective allowances: the plan's defaults unless an operator overrode
 * them. {@code seats} is {@link Integer#MAX_VALUE} when unlimited.
 */
public record Organisation(
    String id,
    String name,
    Plan plan,
    long queryLimit,
    BigDecimal capUsd,
    int seats,
    Instant createdAt) {}
