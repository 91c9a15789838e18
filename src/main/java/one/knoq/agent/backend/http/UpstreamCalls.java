package one.knoq.agent.backend.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import one.knoq.agent.backend.Cancellation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sequential provider calls sharing one cancellation: each call is retried within the budget of
 * {@link HttpSettings} (429 honouring {@code Retry-After}; 408, 5xx, connection failures, timeouts,
 * malformed and truncated bodies with exponential backoff and jitter), waits end at once on cancel,
 * and cancel aborts the exchange in flight.
 */
public final class UpstreamCalls {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamCalls.class);
  private static final int MESSAGE_LIMIT = 300;

  private final String provider;
  private final HttpClient http;
  private final HttpSettings settings;
  private final Clock clock;
  private final Cancellation cancellation;
  private final AtomicReference<@Nullable CompletableFuture<?>> inFlight = new AtomicReference<>();

  UpstreamCalls(
      String provider, HttpClient http, HttpSettings settings, Clock clock, Cancellation cancellation) {
    this.provider = provider;
    this.http = http;
    this.settings = settings;
    this.clock = clock;
    this.cancellation = cancellation;
    // one callback per turn, not per call: a long poll would otherwise pile callbacks up
    cancellation.onCancel(
        () -> {
          CompletableFuture<?> call = inFlight.get();
          if (call != null) {
            call.cancel(true);
          }
        });
  }

  /**
   * Sends {@code request} until it succeeds or the budget is spent, and reads the JSON answer.
   *
   * @param reader turns the answer into a result; an {@link IllegalArgumentException} from it means
   *     the answer did not have the expected shape, which counts as a (retryable) malformed body
   * @throws UpstreamFailure when the call failed for good
   * @throws one.knoq.agent.backend.TurnEvents.TurnAborted when the turn was cancelled meanwhile
   */
  public <T> T call(UpstreamRequest request, Function<JsonNode, T> reader)
      throws UpstreamFailure, InterruptedException {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      cancellation.throwIfCancelled();
      Retry retry;
      try {
        return reader.apply(attempt(request));
      } catch (Retry r) {
        retry = r;
      } catch (IllegalArgumentException | JacksonException e) {
        retry = new Retry("upstream_error", "malformed answer: " + e.getMessage(), null);
      }
      Duration wait = retry.retryAfter != null ? retry.retryAfter : backoff(attempt);
      if (attempt >= settings.maxAttempts() || waited.plus(wait).compareTo(settings.maxRetryWait()) > 0) {
        throw new UpstreamFailure(
            retry.errorType,
            provider + ": " + retry.getMessage() + " (gave up after " + attempt + " attempt"
                + (attempt == 1 ? "" : "s") + ")",
            true,
            true);
      }
      LOG.warn("{} call failed ({}), retrying in {} ms", provider, retry.getMessage(), wait.toMillis());
      if (cancellation.await(wait)) {
        cancellation.throwIfCancelled();
      }
      waited = waited.plus(wait);
    }
  }

  private JsonNode attempt(UpstreamRequest request) throws UpstreamFailure, InterruptedException {
    CompletableFuture<HttpResponse<String>> call =
        http.sendAsync(build(request), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    inFlight.set(call);
    if (cancellation.isCancelled()) {
      call.cancel(true);
    }
    HttpResponse<String> response;
    try {
      response = call.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new Retry("timeout", "no complete answer within " + settings.readTimeout().toMillis() + " ms", null);
    } catch (CancellationException e) {
      cancellation.throwIfCancelled();
      throw new Retry("upstream_error", "call cancelled", null);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      cancellation.throwIfCancelled();
      throw connectionFailure(e.getCause());
    } finally {
      inFlight.set(null);
    }
    return answer(response);
  }

  private JsonNode answer(HttpResponse<String> response) throws UpstreamFailure {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return Json.read(response.body());
      } catch (JacksonException e) {
        throw new Retry("upstream_error", "malformed answer (status " + status + ", not JSON)", null);
      }
    }
    String detail = "answered " + status + errorDetail(response.body());
    if (status == 429 || status == 408 || status >= 500) {
      throw new Retry("upstream_error", detail, RetryAfter.parse(response.headers(), clock));
    }
    throw new UpstreamFailure("upstream_error", provider + " " + detail, false, false);
  }

  private static Retry connectionFailure(@Nullable Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return new Retry("timeout", "connect timed out", null);
    }
    if (cause instanceof HttpTimeoutException) {
      return new Retry("timeout", "request timed out", null);
    }
    if (cause instanceof IOException) {
      // covers refused connections and bodies cut short (fewer bytes than Content-Length)
      return new Retry("upstream_error", "connection failed: " + describe(cause), null);
    }
    return new Retry("upstream_error", "call failed: " + describe(cause), null);
  }

  private static String describe(@Nullable Throwable t) {
    if (t == null) {
      return "unknown";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The provider's own error message ({@code error.message}, as Anthropic and OpenAI send it). */
  private static String errorDetail(String body) {
    String message;
    try {
      JsonNode error = Json.read(body).path("error");
      message = error.isObject() ? error.path("message").asString("") : error.asString("");
    } catch (JacksonException e) {
      message = body.strip();
    }
    if (message.isEmpty()) {
      return "";
    }
    return ": " + (message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "…" : message);
  }

  private HttpRequest build(UpstreamRequest request) {
    var builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(settings.readTimeout())
            .header("Accept", "application/json");
    request.headers().forEach(builder::header);
    if (request.body() == null) {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  /** Exponential backoff with jitter: a random wait between half and all of the doubled backoff. */
  private Duration backoff(int attempt) {
    long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, settings.maxBackoff().toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  /** One failed attempt that may be retried. */
  private static final class Retry extends UpstreamFailure {
    final String errorType;
    final @Nullable Duration retryAfter;

    Retry(String errorType, String message, @Nullable Duration retryAfter) {
      super(errorType, message, true, false);
      this.errorType = errorType;
      this.retryAfter = retryAfter;
    }
  }
}
