package one.knoq.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place where failures become HTTP answers: status, {@code {"error": ...}}, Retry-After. */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> api(ApiException e) {
    return ErrorBodies.entity(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) {
        return ErrorBodies.entity(api);
      }
    }
    var missing = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
    return ErrorBodies.entity(
        new ApiException.BadRequest(
            missing ? "request body is required" : "request body is not valid JSON"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return ErrorBodies.entity(
        new ApiException.UnsupportedMediaType("Content-Type must be application/json"));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return ErrorBodies.entity(new ApiException.BadRequest("responses are only available as application/json"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return ErrorBodies.entity(
        new ApiException.MethodNotAllowed("method " + e.getMethod() + " is not allowed here"));
  }

  @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
  ResponseEntity<Map<String, Object>> noRoute(Exception e, HttpServletRequest request) {
    return ErrorBodies.entity(new ApiException.NotFound("no such route: " + request.getRequestURI()));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
    return ErrorBodies.entity(new ApiException.BadRequest(e.getParameterName() + " is required"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
    return ErrorBodies.entity(new ApiException.BadRequest(e.getName() + " is malformed"));
  }

  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    QueryTimeoutException.class,
    TransientDataAccessException.class
  })
  ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e) {
    LOG.warn("database unavailable: {}", e.getMessage());
    return ErrorBodies.entity(
        new ApiException.Unavailable("the service cannot reach its database right now", 5));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
    LOG.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    return ResponseEntity.status(500)
        .body(Map.of("error", "internal error; the failure was logged"));
  }
}
