package one.knoq.agent.backend.anthropic;

import static one.knoq.agent.backend.http.Fixtures.agent;
import static one.knoq.agent.backend.http.Fixtures.http;
import static one.knoq.agent.backend.http.Fixtures.noOverrides;
import static one.knoq.agent.backend.http.Fixtures.turn;
import static one.knoq.agent.backend.http.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.Cancellation;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.http.HoldingServer;
import one.knoq.agent.backend.http.HttpSettings;
import one.knoq.agent.backend.http.RecordingTurnEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream failures of the agent loop, on the Anthropic wire format (the retry policy is shared
 * with the openai backend): what is retried, within which budget, and what a failure becomes.
 */
class UpstreamFailureTests {

  final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  AnthropicBackend backend(String baseUrl, HttpSettings http) {
    var settings = new AnthropicSettings("sk-ant-test", baseUrl, "claude-haiku-4-5", 1024, "2023-06-01");
    return new AnthropicBackend(agent(8), settings, http, noOverrides(), Clock.systemUTC());
  }

  TurnOutcome run(HttpSettings http, RecordingTurnEvents events) throws InterruptedException {
    return backend(server.url("/").toString(), http).runTurn(turn(List.of(user("What is 12*7?"))), events);
  }

  static MockResponse ok() {
    return AnthropicBackendTests.message(AnthropicBackendTests.ANSWERS_84);
  }

  static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static final String OVERLOADED =
      "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

  @Test
  void a_429_is_retried_after_the_seconds_of_retry_after() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "1")
            .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")
            .build());
    server.enqueue(ok());
    var events = new RecordingTurnEvents();

    long start = System.nanoTime();
    TurnOutcome outcome = run(http(3), events);

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.END_TURN));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(events.types()).containsExactly(EventType.AGENT_MESSAGE);
  }

  @Test
  void a_429_with_an_http_date_is_honoured_too() throws Exception {
    String inTwoSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", inTwoSeconds).build());
    server.enqueue(ok());

    long start = System.nanoTime();
    TurnOutcome outcome = run(http(3), new RecordingTurnEvents());

    assertThat(outcome).isInstanceOf(TurnOutcome.Completed.class);
    // the date has one-second resolution, so the wait is between 1 and 2 seconds
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void a_429_asking_for_longer_than_the_budget_fails_at_once() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

    long start = System.nanoTime();
    TurnOutcome outcome = run(http(3), new RecordingTurnEvents());

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(((TurnOutcome.Failed) outcome).stopReason()).isEqualTo(StopReason.RETRIES_EXHAUSTED);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a_5xx_is_retried_with_backoff_then_succeeds() throws Exception {
    server.enqueue(status(529, OVERLOADED));
    server.enqueue(status(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}"));
    server.enqueue(ok());

    TurnOutcome outcome = run(http(3), new RecordingTurnEvents());

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.END_TURN));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void retries_exhausted_fail_the_turn_with_retries_exhausted() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(529, OVERLOADED));
    }
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = run(http(3), events);

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    var failed = (TurnOutcome.Failed) outcome;
    assertThat(failed.errorType()).isEqualTo("upstream_error");
    assertThat(failed.stopReason()).isEqualTo(StopReason.RETRIES_EXHAUSTED);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.message()).contains("529").contains("Overloaded").contains("3 attempts");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(events.appended).isEmpty();
  }

  @Test
  void a_client_error_is_not_retried() throws Exception {
    server.enqueue(
        status(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));

    TurnOutcome outcome = run(http(3), new RecordingTurnEvents());

    assertThat(outcome)
        .isEqualTo(
            new TurnOutcome.Failed(
                "upstream_error", "Anthropic answered 401: invalid x-api-key", false, StopReason.END_TURN));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a_malformed_body_is_a_failure() throws Exception {
    server.enqueue(status(200, "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"te"));

    TurnOutcome outcome = run(http(1), new RecordingTurnEvents());

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(((TurnOutcome.Failed) outcome).message()).contains("malformed");
  }

  @Test
  void json_of_the_wrong_shape_is_a_failure_that_is_retried() throws Exception {
    server.enqueue(status(200, "{\"hello\":\"world\"}"));
    server.enqueue(ok());

    TurnOutcome outcome = run(http(2), new RecordingTurnEvents());

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.END_TURN));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void a_body_cut_short_of_its_content_length_is_a_failure() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(AnthropicBackendTests.ANSWERS_84)
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = run(http(1), events);

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(((TurnOutcome.Failed) outcome).message()).contains("connection failed");
    assertThat(events.appended).isEmpty();
  }

  @Test
  void a_read_timeout_fails_the_turn_with_timeout() throws Exception {
    server.enqueue(
        new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(AnthropicBackendTests.ANSWERS_84).build());

    long start = System.nanoTime();
    TurnOutcome outcome = run(http(1, Duration.ofMillis(300)), new RecordingTurnEvents());

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(((TurnOutcome.Failed) outcome).errorType()).isEqualTo("timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void a_refused_connection_is_retried_then_fails() throws Exception {
    String closedPort = server.url("/").toString();
    server.close();

    TurnOutcome outcome =
        backend(closedPort, http(2)).runTurn(turn(List.of(user("hi"))), new RecordingTurnEvents());

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    var failed = (TurnOutcome.Failed) outcome;
    assertThat(failed.stopReason()).isEqualTo(StopReason.RETRIES_EXHAUSTED);
    assertThat(failed.message()).contains("connection failed").contains("2 attempts");
  }

  @Test
  void cancel_closes_the_upstream_connection_within_2_s() throws Exception {
    try (var upstream = new HoldingServer()) {
      var cancellation = new Cancellation();
      var backend = backend(upstream.baseUrl(), http(3, Duration.ofSeconds(60)));
      CompletableFuture<Object> running =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return backend.runTurn(turn(List.of(user("hi")), null, cancellation), new RecordingTurnEvents());
                } catch (TurnEvents.TurnAborted aborted) {
                  return aborted;
                } catch (InterruptedException e) {
                  return e;
                }
              });
      assertThat(upstream.awaitRequest(5_000)).isTrue();

      long cancelledAt = System.nanoTime();
      cancellation.cancel();

      assertThat(upstream.awaitClientClosed(2_000)).as("the fake server sees the socket closed").isTrue();
      assertThat(running.get(2, TimeUnit.SECONDS)).isInstanceOf(TurnEvents.TurnAborted.class);
      assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void cancel_ends_a_retry_wait_at_once() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "4").build());
    var cancellation = new Cancellation();
    var backend = backend(server.url("/").toString(), http(3));
    CompletableFuture<Object> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return backend.runTurn(turn(List.of(user("hi")), null, cancellation), new RecordingTurnEvents());
              } catch (TurnEvents.TurnAborted aborted) {
                return aborted;
              } catch (InterruptedException e) {
                return e;
              }
            });
    server.takeRequest(5, TimeUnit.SECONDS);
    Thread.sleep(100); // let it enter the Retry-After wait

    long cancelledAt = System.nanoTime();
    cancellation.cancel();

    assertThat(running.get(2, TimeUnit.SECONDS)).isInstanceOf(TurnEvents.TurnAborted.class);
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofMillis(500));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
