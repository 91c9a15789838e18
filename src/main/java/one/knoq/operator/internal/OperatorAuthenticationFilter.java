package one.knoq.operator.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import one.knoq.web.ApiException;
import one.knoq.web.ErrorBodies;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards every {@code /api/operator/**} route before anything reads the body: 404 while no operator
 * token is configured (the API does not exist), 401 without the right bearer token. No cookie and no
 * origin check are involved; identity's filters leave these routes alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class OperatorAuthenticationFilter extends OncePerRequestFilter {

  private final @Nullable OperatorToken token;

  OperatorAuthenticationFilter(OperatorSettings settings) {
    this.token = settings.enabled() ? new OperatorToken(settings.token().trim()) : null;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // the decoded, normalised path that request mapping sees
    String pathInfo = request.getPathInfo();
    String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    return !(path.equals("/api/operator") || path.startsWith("/api/operator/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (token == null) {
      ErrorBodies.write(response, new ApiException.NotFound("not found"));
      return;
    }
    if (!token.matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      ErrorBodies.write(response, new ApiException.Unauthenticated("a valid operator bearer token is required"));
      return;
    }
    chain.doFilter(request, response);
  }
}
