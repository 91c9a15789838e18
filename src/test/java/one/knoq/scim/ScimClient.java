package one.knoq.scim;

import one.knoq.support.ApiClient;
import org.jspecify.annotations.Nullable;

/** A SCIM client as identity providers are: a bearer token, application/scim+json, no cookie, no origin. */
final class ScimClient {

  static final String TYPE = "application/scim+json";

  private final ApiClient http;
  private final String prefix;

  ScimClient(String baseUrl, @Nullable String token, String prefix) {
    ApiClient client = new ApiClient(baseUrl).withOrigin(null);
    this.http = token == null ? client : client.withHeader("Authorization", "Bearer " + token);
    this.prefix = prefix;
  }

  /** The same token at the other path form ({@code /api/scim} instead of {@code /api/scim/v2}). */
  ScimClient at(String otherPrefix) {
    return new ScimClient(http, otherPrefix);
  }

  private ScimClient(ApiClient http, String prefix) {
    this.http = http;
    this.prefix = prefix;
  }

  ApiClient.Response get(String path) {
    return http.get(prefix + path);
  }

  ApiClient.Response post(String path, String body) {
    return http.send("POST", prefix + path, body, TYPE);
  }

  ApiClient.Response put(String path, String body) {
    return http.send("PUT", prefix + path, body, TYPE);
  }

  ApiClient.Response patch(String path, String body) {
    return http.send("PATCH", prefix + path, body, TYPE);
  }

  ApiClient.Response delete(String path) {
    return http.delete(prefix + path);
  }

  ApiClient.Response send(String method, String path, @Nullable String body, @Nullable String contentType) {
    return http.send(method, prefix + path, body, contentType);
  }
}
