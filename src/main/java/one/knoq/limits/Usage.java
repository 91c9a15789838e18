package one.knoq.limits;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * An organisation's usage in one calendar month (UTC) beside its current allowances: queries
 * admitted against {@code queryLimit}, model cost recorded against {@code capUsd}.
 */
public record Usage(
    YearMonth month, long queries, long queryLimit, BigDecimal monthToDateUsd, BigDecimal capUsd) {}
