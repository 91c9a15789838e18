package one.knoq.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for contract tests: keeps the {@code knoq_session} cookie of its own sign-in and
 * sends the server's public origin on every request, as a browser on the same site would.
 */
public final class ApiClient {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private @Nullable String origin;
  private @Nullable String cookie;
  private final Map<String, String> extraHeaders = new LinkedHashMap<>();

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
    this.origin = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A client with the same cookie and another Origin header ({@code null} sends none). */
  public ApiClient withOrigin(@Nullable String origin) {
    var copy = copy();
    copy.origin = origin;
    return copy;
  }

  /** A client with the same cookie and origin plus one more header on every request. */
  public ApiClient withHeader(String name, String value) {
    var copy = copy();
    copy.extraHeaders.put(name, value);
    return copy;
  }

  public ApiClient withCookie(@Nullable String cookie) {
    var copy = copy();
    copy.cookie = cookie;
    return copy;
  }

  public @Nullable String cookie() {
    return cookie;
  }

  private ApiClient copy() {
    var copy = new ApiClient(baseUrl);
    copy.origin = origin;
    copy.cookie = cookie;
    copy.extraHeaders.putAll(extraHeaders);
    return copy;
  }

  /** Signs in and keeps the cookie; fails the test unless the answer is 200. */
  public Response signIn(String email, String password) {
    var r = post("/api/auth/sign-in", json("email", email, "password", password));
    if (r.status() != 200) {
      throw new AssertionError("sign-in as " + email + " failed: " + r);
    }
    return r;
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Response post(String path, String jsonBody) {
    return send("POST", path, jsonBody, "application/json");
  }

  public Response put(String path, String jsonBody) {
    return send("PUT", path, jsonBody, "application/json");
  }

  public Response patch(String path, String jsonBody) {
    return send("PATCH", path, jsonBody, "application/json");
  }

  /** Any method, body and content type (null for none), for the error-path tests. */
  public Response send(
      String method, String path, @Nullable String body, @Nullable String contentType) {
    var builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    if (cookie != null) {
      builder.header("Cookie", "knoq_session=" + cookie);
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    extraHeaders.forEach(builder::header);
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      response
          .headers()
          .allValues("Set-Cookie")
          .forEach(
              c -> {
                if (c.startsWith("knoq_session=")) {
                  String value = c.substring("knoq_session=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
                  cookie = value.isEmpty() ? null : value;
                }
              });
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Builds a JSON object from name/value pairs. */
  public static String json(Object... namesAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return JSON.writeValueAsString(map);
  }

  /** A status, a body and the raw response for headers. */
  public record Response(int status, String body, HttpResponse<String> raw) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
