package one.knoq.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import one.knoq.identity.Principal;
import one.knoq.web.ApiException;
import one.knoq.web.ErrorBodies;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First of the contract's checks: routes that need a sign-in get 401 without a live cookie, before
 * the origin guard and before anything reads the body. On success the caller's {@link Principal}
 * rides along as a request attribute.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthenticationFilter extends OncePerRequestFilter {

  static final String PRINCIPAL = Principal.class.getName();

  private final SignIns signIns;

  AuthenticationFilter(SignIns signIns) {
    this.signIns = signIns;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!Routes.needsSignIn(Routes.path(request))) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Principal> principal;
    try {
      String token = SessionCookie.read(request);
      principal = token == null ? Optional.empty() : signIns.authenticate(token);
    } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
      // the same 503 that ApiErrorHandler gives controllers; filters run outside its reach
      ErrorBodies.write(response, new ApiException.Unavailable("the service cannot reach its database right now", 5));
      return;
    }
    if (principal.isEmpty()) {
      ErrorBodies.write(response, new ApiException.Unauthenticated("sign-in required"));
      return;
    }
    request.setAttribute(PRINCIPAL, principal.get());
    chain.doFilter(request, response);
  }
}
