package one.knoq.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import one.knoq.web.ApiException;
import one.knoq.web.ErrorBodies;
import one.knoq.web.TrustedOrigins;
import one.knoq.web.WebSettings;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The CSRF origin guard: a mutating API request that a browser would send with our cookie must
 * come from our own origin (or an explicitly trusted one). Runs after authentication (401 first)
 * and before anything reads the body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class OriginGuardFilter extends OncePerRequestFilter {

  private final TrustedOrigins origins;

  OriginGuardFilter(WebSettings settings) {
    this.origins = new TrustedOrigins(settings);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (Routes.needsOriginCheck(request.getMethod(), Routes.path(request)) && !sameOrigin(request)) {
      ErrorBodies.write(response, new ApiException.Forbidden("CSRF origin check failed"));
      return;
    }
    chain.doFilter(request, response);
  }

  /** Exactly one Origin header, and an allowed one: a second, different value must not slip by. */
  private boolean sameOrigin(HttpServletRequest request) {
    var values = java.util.Collections.list(request.getHeaders(HttpHeaders.ORIGIN));
    return values.size() == 1 && origins.allows(values.get(0));
  }
}
