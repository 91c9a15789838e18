package one.knoq.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses query strings that cannot be decoded (bad percent-encoding) and parameters that are not
 * text (U+0000, unpaired surrogates) with a JSON 400, so no such value reaches a controller or the
 * database. Runs after authentication and the origin guard, like every other parse check. SCIM
 * routes answer in their own error schema and check their own input.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
public class QueryParameterGuardFilter extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getQueryString() == null || request.getRequestURI().startsWith("/api/scim");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Map<String, String[]> parameters;
    try {
      parameters = request.getParameterMap();
    } catch (RuntimeException e) {
      ErrorBodies.write(response, new ApiException.BadRequest("the query string is not valid URL encoding"));
      return;
    }
    for (var parameter : parameters.entrySet()) {
      for (String value : parameter.getValue()) {
        if (!Text.isWellFormed(value) || !Text.isWellFormed(parameter.getKey())) {
          ErrorBodies.write(response, Text.malformed(parameter.getKey()));
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }
}
