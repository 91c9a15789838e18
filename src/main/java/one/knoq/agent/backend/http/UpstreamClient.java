package one.knoq.agent.backend.http;

import java.net.http.HttpClient;
import java.time.Clock;
import one.knoq.agent.backend.Cancellation;

/**
 * The HTTP client of one provider. We use the JDK client rather than a provider SDK because we need
 * exact control over three things the SDKs hide: aborting the in-flight exchange on cancel ({@code
 * sendAsync} + {@code cancel(true)} closes the connection), one retry policy for 429 / 5xx /
 * connection failures with a bounded budget, and the raw body for usage and error reporting.
 */
public final class UpstreamClient {

  private final String provider;
  private final HttpSettings settings;
  private final Clock clock;
  private final HttpClient http;

  /**
   * @param provider how messages name the provider, e.g. {@code Anthropic}
   */
  public UpstreamClient(String provider, HttpSettings settings, Clock clock) {
    this.provider = provider;
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** Calls made for one turn: aborted together when {@code cancellation} fires. */
  public UpstreamCalls forTurn(Cancellation cancellation) {
    return new UpstreamCalls(provider, http, settings, clock, cancellation);
  }

  /** Calls made while a client waits for the answer: a smaller retry budget, never cancelled. */
  public UpstreamCalls forSynchronousCall() {
    return new UpstreamCalls(provider, http, settings.forSynchronousCall(), clock, new Cancellation());
  }
}
