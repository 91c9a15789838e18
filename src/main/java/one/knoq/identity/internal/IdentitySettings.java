package one.knoq.identity.internal;

import one.knoq.identity.Plan;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings ({@code knoq.identity.*}).
 *
 * @param adminEmail the first-start admin's email ({@code KNOQ_ADMIN_EMAIL}); {@code admin@localhost}
 *     when unset
 * @param adminPassword the first-start admin's password ({@code KNOQ_ADMIN_PASSWORD}); generated and
 *     logged once when unset
 * @param allowSignUp whether anyone may create an account and organisation ({@code KNOQ_ALLOW_SIGN_UP})
 * @param signUpPlan the plan of organisations created by sign-up ({@code KNOQ_SIGN_UP_PLAN})
 */
@ConfigurationProperties("knoq.identity")
record IdentitySettings(
    @Nullable String adminEmail,
    @Nullable String adminPassword,
    @DefaultValue("false") boolean allowSignUp,
    @DefaultValue("free") Plan signUpPlan) {

  static final String DEFAULT_ADMIN_EMAIL = "admin@localhost";

  String effectiveAdminEmail() {
    return adminEmail == null || adminEmail.isBlank() ? DEFAULT_ADMIN_EMAIL : adminEmail.trim();
  }

  boolean hasAdminPassword() {
    return adminPassword != null && !adminPassword.isEmpty();
  }
}
