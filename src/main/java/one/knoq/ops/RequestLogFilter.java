package one.knoq.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import one.knoq.identity.Principal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id — a sane incoming {@code X-Request-Id} (a proxy's), else a new one —
 * returns it in the response header, keeps it in the MDC for every log line of the request, and
 * writes one {@code key=value} line per request: method, path, status, duration, id, user.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLogFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger LOG = LoggerFactory.getLogger("knoq.requests");
  private static final String PRINCIPAL = Principal.class.getName();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long started = System.nanoTime();
    String id = requestId(request.getHeader(HEADER));
    response.setHeader(HEADER, id);
    MDC.put("requestId", id);
    try {
      chain.doFilter(request, response);
    } finally {
      long millis = (System.nanoTime() - started) / 1_000_000;
      Object principal = request.getAttribute(PRINCIPAL);
      String user = principal instanceof Principal p ? p.userId() : "-";
      LOG.info(
          "method={} path={} status={} duration_ms={} request_id={} user_id={}",
          request.getMethod(), quoted(request.getRequestURI()), response.getStatus(), millis, id, user);
      MDC.remove("requestId");
    }
  }

  static String requestId(@Nullable String incoming) {
    return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
  }

  /** Paths are client-chosen: no spaces or control characters reach the log line. */
  private static String quoted(String path) {
    return path.replaceAll("[\\s\\p{Cntrl}\"]", "_");
  }
}
