package one.knoq.web;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deployment-wide web settings ({@code knoq.*}): where the server is reached and whom it trusts.
 *
 * @param publicUrl the URL browsers use to reach this server ({@code KNOQ_PUBLIC_URL}); its origin is
 *     the one mutating requests must come from, and https here makes the session cookie Secure
 * @param trustedOrigins further origins accepted by the CSRF origin guard ({@code KNOQ_TRUSTED_ORIGINS},
 *     comma-separated)
 * @param trustedProxies peer addresses whose {@code X-Forwarded-For} is believed ({@code
 *     KNOQ_TRUSTED_PROXIES}, comma-separated IP addresses)
 */
@ConfigurationProperties("knoq")
public record WebSettings(
    @DefaultValue("http://localhost:8080") URI publicUrl,
    @DefaultValue List<String> trustedOrigins,
    @DefaultValue List<String> trustedProxies) {

  public WebSettings {
    // an empty environment variable binds as one empty element
    trustedOrigins = trustedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Whether the public URL is https, so cookies must carry {@code Secure}. */
  public boolean secure() {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }
}
