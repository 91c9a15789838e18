package one.knoq.agent.backend.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the model backends talk HTTP to their provider ({@code knoq.agent.http.*}).
 *
 * @param connectTimeout the longest wait for a TCP/TLS connection to the provider
 * @param readTimeout the longest wait for one complete answer (status, headers and whole body) of one
 *     attempt; we do not stream, so this bounds a whole model call
 * @param maxAttempts the most attempts of one call, the first included (1 = never retry)
 * @param maxRetryWait the most time one call may spend waiting between attempts in total (backoff and
 *     {@code Retry-After}); a 429 asking for longer fails at once
 * @param initialBackoff the backoff before the second attempt; it doubles per attempt, with jitter
 * @param maxBackoff the longest single backoff
 */
@ConfigurationProperties("knoq.agent.http")
public record HttpSettings(
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("120s") Duration readTimeout,
    @DefaultValue("4") int maxAttempts,
    @DefaultValue("60s") Duration maxRetryWait,
    @DefaultValue("500ms") Duration initialBackoff,
    @DefaultValue("10s") Duration maxBackoff) {

  public HttpSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("knoq.agent.http.max-attempts must be at least 1");
    }
  }

  /** The budget of a synchronous call made while a client waits (e.g. opening a remote session). */
  public HttpSettings forSynchronousCall() {
    Duration wait = maxRetryWait.compareTo(Duration.ofSeconds(2)) < 0 ? maxRetryWait : Duration.ofSeconds(2);
    return new HttpSettings(
        connectTimeout, readTimeout, Math.min(maxAttempts, 2), wait, initialBackoff, maxBackoff);
  }
}
