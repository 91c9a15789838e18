package one.knoq.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what the servlet container routes to {@code /error} (failures outside any controller)
 * with the same JSON error body, never an HTML page.
 */
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    String message =
        switch (status) {
          case 400 -> "bad request";
          case 401 -> "sign-in required";
          case 403 -> "forbidden";
          case 404 -> "not found";
          case 405 -> "method not allowed";
          case 413 -> "request body is larger than 2 MiB";
          case 415 -> "unsupported content type";
          default -> status >= 500 ? "internal error" : "request failed";
        };
    return ResponseEntity.status(status).body(Map.of("error", message));
  }
}
