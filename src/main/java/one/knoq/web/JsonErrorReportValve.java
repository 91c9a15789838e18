package one.knoq.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any filter or controller sees them (a path with an encoded
 * slash or NUL, an over-long header block). Its default page for those is HTML; this valve answers
 * them with the same {@code {"error": ...}} body as everything else.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String message =
        switch (status) {
          case 400 -> "the request is malformed";
          case 404 -> "not found";
          case 413 -> "request body is larger than 2 MiB";
          case 431 -> "request headers are too large";
          default -> status >= 500 ? "internal error" : "request refused";
        };
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"error\":\"" + message + "\"}");
      response.finishResponse();
    } catch (IOException | IllegalStateException ignored) {
      // the client is gone; nothing more to say
    }
  }
}
