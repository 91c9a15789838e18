package one.knoq.operator.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator settings ({@code knoq.operator.*}).
 *
 * @param token the bearer token of the operator API ({@code KNOQ_OPERATOR_TOKEN}); the API does not
 *     exist (404) while it is unset or blank
 */
@ConfigurationProperties("knoq.operator")
record OperatorSettings(@Nullable String token) {

  boolean enabled() {
    return token != null && !token.isBlank();
  }
}
