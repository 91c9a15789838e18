package one.knoq.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The origins a browser may send mutating requests from: the public URL's origin plus explicitly
 * configured ones. Compares scheme, host (case-insensitive) and port (default ports normalised).
 * Nothing taken from the request itself (Host, X-Forwarded-*) ever widens this set.
 */
public final class TrustedOrigins {

  private final Set<String> origins = new HashSet<>();

  public TrustedOrigins(URI publicUrl, List<String> additional) {
    origins.add(
        normalise(publicUrl.toString(), true)
            .orElseThrow(() -> new IllegalArgumentException("knoq.public-url is not an http(s) URL: " + publicUrl)));
    for (String origin : additional) {
      origins.add(
          normalise(origin, true)
              .orElseThrow(() -> new IllegalArgumentException("not an http(s) origin in knoq.trusted-origins: " + origin)));
    }
  }

  public TrustedOrigins(WebSettings settings) {
    this(settings.publicUrl(), settings.trustedOrigins());
  }

  /** Whether an {@code Origin} header value is one of ours; missing and {@code "null"} never are. */
  public boolean allows(@Nullable String originHeader) {
    if (originHeader == null) {
      return false;
    }
    return normalise(originHeader.trim(), false).map(origins::contains).orElse(false);
  }

  /**
   * {@code scheme://host[:port]} in canonical form. A configured URL may carry a path (ignored); a
   * header may not, since browsers never send one there.
   */
  private static Optional<String> normalise(String value, boolean pathAllowed) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort =
        switch (scheme) {
          case "http" -> 80;
          case "https" -> 443;
          default -> -1;
        };
    if (defaultPort < 0 || uri.getHost() == null || uri.getUserInfo() != null) {
      return Optional.empty();
    }
    boolean bare =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty())
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
    if (!pathAllowed && !bare) {
      return Optional.empty();
    }
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return Optional.of(scheme + "://" + host + (port == defaultPort ? "" : ":" + port));
  }
}
