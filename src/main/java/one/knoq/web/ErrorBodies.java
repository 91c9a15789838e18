package one.knoq.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Renders an {@link ApiException} as the contract's error body, for controllers and filters alike. */
public final class ErrorBodies {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ErrorBodies() {}

  public static Map<String, Object> body(ApiException e) {
    var body = new LinkedHashMap<String, Object>();
    body.put("error", e.getMessage());
    body.putAll(e.extras());
    return body;
  }

  public static ResponseEntity<Map<String, Object>> entity(ApiException e) {
    var builder = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
    if (e.retryAfterSeconds() > 0) {
      builder.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
    return builder.body(body(e));
  }

  /** Writes the error straight to the servlet response; used where no controller is involved. */
  public static void write(HttpServletResponse response, ApiException e) throws IOException {
    response.resetBuffer();
    response.setStatus(e.status());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (e.retryAfterSeconds() > 0) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
    response.getOutputStream().write(JSON.writeValueAsBytes(body(e)));
    response.flushBuffer();
  }
}
