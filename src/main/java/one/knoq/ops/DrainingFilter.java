package one.knoq.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import one.knoq.web.ApiException;
import one.knoq.web.ErrorBodies;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once the node begins to shut down it takes no new work: API requests answer 503 with Retry-After
 * (a load balancer retries them on another node) while running turns drain, and readiness turns to
 * refusing traffic. Health and metrics stay readable.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class DrainingFilter extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

  private volatile boolean draining;

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    draining = true;
    AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (draining && !request.getRequestURI().startsWith("/actuator")) {
      response.setHeader("Connection", "close");
      ErrorBodies.write(response, new ApiException.Unavailable("this server is shutting down; retry", 1));
      return;
    }
    chain.doFilter(request, response);
  }
}
