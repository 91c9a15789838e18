package one.knoq.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/** Which routes need a sign-in cookie and which need the CSRF origin check (spec section 2). */
final class Routes {

  private static final Set<String> SIGNED_IN_AUTH_ROUTES =
      Set.of("/api/auth/me", "/api/auth/sign-out", "/api/auth/organisation");
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private Routes() {}

  /**
   * The path as the servlet container decoded and normalised it (no {@code ..}, no {@code ;params},
   * no doubled slashes), which is what request mapping sees: matching the raw URI instead would
   * let {@code /api/%61dmin/...} slip past the checks.
   */
  static String path(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }

  static boolean needsSignIn(String path) {
    return under(path, "/api/managed-agents") || under(path, "/api/admin") || SIGNED_IN_AUTH_ROUTES.contains(path);
  }

  /** SCIM and operator routes carry a bearer token: no cookie, so no CSRF exposure. */
  static boolean bearerAuthenticated(String path) {
    return under(path, "/api/scim") || under(path, "/api/operator");
  }

  /** Every mutating API request a browser could be tricked into sending with our cookie. */
  static boolean needsOriginCheck(String method, String path) {
    return MUTATING.contains(method) && under(path, "/api") && !bearerAuthenticated(path);
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
