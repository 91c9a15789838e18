package one.knoq.scim.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import one.knoq.identity.Organisations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /api/scim/**} request by the organisation's bearer token alone (no
 * cookie, no origin check: identity's filters leave these routes alone), before anything else —
 * including the body size check — and answers failures in the SCIM error schema, never HTML.
 * The token is looked up on every request, so a replaced or revoked token fails at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ScimAuthenticationFilter extends OncePerRequestFilter {

  static final String ORGANISATION = "one.knoq.scim.organisation";

  private final JdbcScimTokens tokens;
  private final Organisations organisations;

  ScimAuthenticationFilter(JdbcScimTokens tokens, Organisations organisations) {
    this.tokens = tokens;
    this.organisations = organisations;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    return !(path.equals("/api/scim") || path.startsWith("/api/scim/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> organisationId = bearer(request).flatMap(tokens::organisationOf);
    if (organisationId.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"scim\"");
      write(response, 401, "a valid SCIM bearer token is required");
      return;
    }
    boolean allowed = organisations.find(organisationId.get()).map(o -> o.allowsAuditScimSso()).orElse(false);
    if (!allowed) {
      write(response, 403, "SCIM provisioning requires the Business plan");
      return;
    }
    request.setAttribute(ORGANISATION, organisationId.get());
    chain.doFilter(request, response);
  }

  private static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static void write(HttpServletResponse response, int status, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType(ScimJson.SCIM.toString());
    response.getOutputStream().write(ScimJson.write(ScimJson.errorBody(status, null, detail)).getBytes(StandardCharsets.UTF_8));
  }
}
