package one.knoq.agent.backend.http;

import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One HTTP request to a provider: method, URL, extra headers and an optional JSON body. */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, @Nullable String body) {

  public static UpstreamRequest get(URI uri, Map<String, String> headers) {
    return new UpstreamRequest("GET", uri, headers, null);
  }

  public static UpstreamRequest post(URI uri, Map<String, String> headers, String body) {
    return new UpstreamRequest("POST", uri, headers, body);
  }
}
