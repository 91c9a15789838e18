package one.knoq.scim.internal;

import jakarta.servlet.http.HttpServletRequest;
import one.knoq.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one mapper of failures on SCIM routes to the SCIM error schema (fact 31): {@code status} as a
 * string, {@code scimType} where one applies, {@code detail} always. Scoped to this package's
 * controllers; the rest of the API keeps its {@code {"error": ...}} body.
 */
@RestControllerAdvice(basePackageClasses = ScimErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimErrorHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ScimErrorHandler.class);

  @ExceptionHandler(ScimError.class)
  ResponseEntity<byte[]> scim(ScimError e) {
    return ScimJson.respond(e.status(), ScimJson.errorBody(e.status(), e.scimType(), e.getMessage()));
  }

  /** Identity's answers: seat limit 403, email conflicts 409, no member 404, last admin 409. */
  @ExceptionHandler(ApiException.class)
  ResponseEntity<byte[]> api(ApiException e) {
    String scimType = e.status() == 409 && !e.getMessage().contains("admin") ? "uniqueness" : null;
    var response = ScimJson.respond(e.status(), ScimJson.errorBody(e.status(), scimType, e.getMessage()));
    if (e.retryAfterSeconds() > 0) {
      return ResponseEntity.status(e.status()).headers(response.getHeaders()).header("Retry-After", Long.toString(e.retryAfterSeconds())).body(response.getBody());
    }
    return response;
  }

  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class
  })
  ResponseEntity<byte[]> unavailable(Exception e) {
    LOG.warn("database unavailable: {}", e.getMessage());
    var body = ScimJson.errorBody(503, null, "the service cannot reach its database right now");
    return ResponseEntity.status(503).contentType(ScimJson.SCIM).header("Retry-After", "5").body(ScimJson.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
    if (e instanceof org.springframework.web.HttpRequestMethodNotSupportedException) {
      return ScimJson.respond(405, ScimJson.errorBody(405, null, "method " + request.getMethod() + " is not allowed here"));
    }
    LOG.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    return ScimJson.respond(500, ScimJson.errorBody(500, null, "internal error; the failure was logged"));
  }
}
