package one.knoq.agent.backend.managed;

import static one.knoq.agent.backend.http.Fixtures.http;
import static one.knoq.agent.backend.http.Fixtures.noOverrides;
import static one.knoq.agent.backend.http.Fixtures.turn;
import static one.knoq.agent.backend.http.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.BackendUnavailable;
import one.knoq.agent.backend.BackfillResult;
import one.knoq.agent.backend.Cancellation;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.http.Fixtures;
import one.knoq.agent.backend.http.Json;
import one.knoq.agent.backend.http.RecordingTurnEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The anthropic-managed backend against a loopback Managed Agents sessions and events API. */
class ManagedAgentsBackendTests {

  final MockWebServer server = new MockWebServer();
  final FakeManagedAgents remote = new FakeManagedAgents();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(remote);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  ManagedAgentsBackend backend(String baseUrl, int maxAttempts, int pageSize) {
    var settings =
        new ManagedAgentsSettings(
            "sk-ant-test", baseUrl, "agent_01", "env_01", "claude-sonnet-4-5", "2023-06-01",
            "managed-agents-2026-04-01", Duration.ofMillis(50), pageSize, Duration.ofMinutes(1));
    return new ManagedAgentsBackend(settings, http(maxAttempts), noOverrides(), Clock.systemUTC());
  }

  ManagedAgentsBackend backend() {
    return backend(server.url("/").toString(), 3, 100);
  }

  TurnOutcome ask(ManagedAgentsBackend backend, RecordingTurnEvents events, List<HistoryEvent> history)
      throws InterruptedException {
    return backend.runTurn(turn(history, FakeManagedAgents.SESSION, new Cancellation()), events);
  }

  @Test
  void open_session_creates_a_remote_session_with_the_agent_and_environment() throws Exception {
    String id = backend().openSession("0b6f6c1e-0000-4000-8000-000000000001", "What is 12*7?");

    assertThat(id).isEqualTo(FakeManagedAgents.SESSION);
    RecordedRequest create = server.takeRequest();
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(create.getUrl().encodedPath()).isEqualTo("/v1/sessions");
    assertThat(create.getHeaders().get("x-api-key")).isEqualTo("sk-ant-test");
    assertThat(create.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(create.getHeaders().get("anthropic-beta")).isEqualTo("managed-agents-2026-04-01");
    JsonNode body = Json.read(create.getBody().utf8());
    assertThat(body.path("agent").asString()).isEqualTo("agent_01");
    assertThat(body.path("environment_id").asString()).isEqualTo("env_01");
    assertThat(body.path("title").asString()).isEqualTo("What is 12*7?");
  }

  @Test
  void open_session_failures_are_backend_unavailable() throws Exception {
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
            return FakeManagedAgents.json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}");
          }
        });
    assertThatThrownBy(() -> backend().openSession("s", "t"))
        .isInstanceOf(BackendUnavailable.class)
        .hasMessageContaining("500");

    String closed = server.url("/").toString();
    server.close();
    assertThatThrownBy(() -> backend(closed, 3, 100).openSession("s", "t"))
        .isInstanceOf(BackendUnavailable.class)
        .hasMessageContaining("connection failed");
  }

  @Test
  void a_turn_sends_the_message_and_imports_the_remote_log_through_the_mapping_table() throws Exception {
    remote.replyAfterPolls = 2; // the reply shows up on the third list call
    remote.scriptedReply.addAll(
        List.of(
            "{\"type\":\"session.status_running\"}",
            "{\"type\":\"agent.thinking\"}",
            "{\"type\":\"agent.tool_use\",\"name\":\"bash\",\"input\":{\"command\":\"echo $((12*7))\"}}",
            "{\"type\":\"agent.tool_result\",\"tool_use_id\":\"sevt_4\",\"content\":[{\"type\":\"text\",\"text\":\"84\"}],\"is_error\":false}",
            "{\"type\":\"agent.mcp_tool_use\",\"name\":\"lookup\",\"mcp_server_name\":\"docs\",\"input\":{\"q\":\"x\"}}",
            "{\"type\":\"agent.mcp_tool_result\",\"mcp_tool_use_id\":\"sevt_6\",\"content\":[{\"type\":\"text\",\"text\":\"none\"}],\"is_error\":true}",
            "{\"type\":\"agent.message\",\"content\":[{\"type\":\"text\",\"text\":\"12*7 is 84.\"}]}",
            "{\"type\":\"span.model_request_end\",\"model_usage\":{\"input_tokens\":1000,\"output_tokens\":100}}",
            "{\"type\":\"agent.brand_new_type\",\"x\":1}",
            "{\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"end_turn\"}}"));
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = ask(backend(), events, List.of(user("What is 12*7?")));

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.END_TURN));
    assertThat(remote.received.get(0).toString())
        .isEqualTo("{\"type\":\"user.message\",\"content\":[{\"type\":\"text\",\"text\":\"What is 12*7?\"}]}");
    assertThat(events.types())
        .containsExactly(
            EventType.TOOL_USE, EventType.TOOL_RESULT, EventType.TOOL_USE, EventType.TOOL_RESULT,
            EventType.AGENT_MESSAGE);
    assertThat(events.appended.stream().map(RecordingTurnEvents.Appended::remoteEventId).toList())
        .containsExactly("sevt_4", "sevt_5", "sevt_6", "sevt_7", "sevt_8");
    assertThat(events.appended.get(0).payload().toString())
        .isEqualTo(
            "{\"name\":\"bash\",\"input\":{\"command\":\"echo $((12*7))\"},\"processed_at\":\"2026-05-20T10:15:04.123Z\","
                + "\"id\":\"sevt_4\"}");
    assertThat(events.appended.get(1).payload().path("tool_use_id").asString()).isEqualTo("sevt_4");
    assertThat(events.appended.get(2).payload().path("mcp_server_name").asString()).isEqualTo("docs");
    var mcpResult = events.appended.get(3).payload();
    assertThat(mcpResult.path("tool_use_id").asString()).isEqualTo("sevt_6");
    assertThat(mcpResult.path("is_error").asBoolean()).isTrue();
    var message = events.appended.get(4).payload();
    assertThat(message.path("content").path(0).path("text").asString()).isEqualTo("12*7 is 84.");
    assertThat(message.path("processed_at").asString()).isEqualTo("2026-05-20T10:15:08.123Z");
    assertThat(events.usage().inputTokens()).isEqualTo(1000);
    assertThat(events.usage().costUsd()).isEqualByComparingTo(new BigDecimal("0.0045"));
  }

  @Test
  void reimport_is_idempotent_and_an_earlier_turns_idle_does_not_end_the_next_turn() throws Exception {
    var backend = backend(server.url("/").toString(), 3, 2); // small pages: several per listing
    var events = new RecordingTurnEvents();
    remote.scriptedReply.addAll(
        List.of(
            "{\"type\":\"agent.message\",\"content\":[{\"type\":\"text\",\"text\":\"first\"}]}",
            "{\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"end_turn\"}}"));
    var history = new ArrayList<>(List.of(user("hello")));
    assertThat(ask(backend, events, history)).isEqualTo(new TurnOutcome.Completed(StopReason.END_TURN));

    remote.scriptedReply.clear();
    remote.scriptedReply.addAll(
        List.of(
            "{\"type\":\"agent.message\",\"content\":[{\"type\":\"text\",\"text\":\"second\"}]}",
            "{\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"requires_action\",\"event_ids\":[\"x\"]}}"));
    remote.replyAfterPolls = 3;
    history.add(Fixtures.agentMessage("first"));
    history.add(user("hello")); // the same text again: found as its second occurrence

    TurnOutcome second = ask(backend, events, history);

    assertThat(second).isEqualTo(new TurnOutcome.Completed(StopReason.REQUIRES_ACTION));
    assertThat(events.payloads(EventType.AGENT_MESSAGE).stream().map(p -> p.path("content").path(0).path("text").asString()))
        .containsExactly("first", "second");
  }

  @Test
  void a_remote_error_is_imported_and_the_turn_ends_at_the_following_idle() throws Exception {
    remote.scriptedReply.addAll(
        List.of(
            "{\"type\":\"session.error\",\"error\":{\"type\":\"model_overloaded_error\",\"message\":\"overloaded\","
                + "\"retry_status\":{\"type\":\"exhausted\"}}}",
            "{\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"retries_exhausted\"}}"));
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = ask(backend(), events, List.of(user("hi")));

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.RETRIES_EXHAUSTED));
    assertThat(events.payloads(EventType.ERROR).get(0).path("error").toString())
        .isEqualTo("{\"type\":\"model_overloaded_error\",\"message\":\"overloaded\",\"retryable\":true}");
  }

  @Test
  void remote_termination_terminates_the_session() throws Exception {
    remote.scriptedReply.add("{\"type\":\"session.status_terminated\"}");

    assertThat(ask(backend(), new RecordingTurnEvents(), List.of(user("hi"))))
        .isEqualTo(new TurnOutcome.Terminated("failed"));
  }

  @Test
  void cancel_aborts_the_poll_within_2_s_and_cancel_remote_sends_an_interrupt() throws Exception {
    var backend = backend();
    var cancellation = new Cancellation();
    CompletableFuture<Object> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return backend.runTurn(
                    turn(List.of(user("take your time")), FakeManagedAgents.SESSION, cancellation),
                    new RecordingTurnEvents());
              } catch (TurnEvents.TurnAborted aborted) {
                return aborted;
              } catch (InterruptedException e) {
                return e;
              }
            });
    while (remote.received.isEmpty() || server.getRequestCount() < 3) {
      Thread.sleep(10); // sent, and polling a remote session that never goes idle
    }

    long cancelledAt = System.nanoTime();
    cancellation.cancel();
    backend.cancelRemote(FakeManagedAgents.SESSION);

    assertThat(running.get(2, TimeUnit.SECONDS)).isInstanceOf(TurnEvents.TurnAborted.class);
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
    assertThat(remote.received.get(remote.received.size() - 1).toString()).isEqualTo("{\"type\":\"user.interrupt\"}");
  }

  @Test
  void backfill_imports_page_by_page_reports_a_failure_midway_and_resumes() throws Exception {
    for (int i = 1; i <= 5; i++) {
      remote.add("{\"type\":\"agent.message\",\"content\":[{\"type\":\"text\",\"text\":\"m" + i + "\"}]}");
    }
    remote.add("{\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"end_turn\"}}");
    remote.failingOffsets.add(2);
    var backend = backend(server.url("/").toString(), 1, 2);
    var sink = new RecordingTurnEvents();

    BackfillResult first = backend.backfill(FakeManagedAgents.SESSION, null, sink);

    assertThat(first.complete()).isFalse();
    assertThat(first.imported()).isEqualTo(2);
    assertThat(first.resumeFrom()).isEqualTo("o2");

    remote.failingOffsets.clear();
    BackfillResult resumed = backend.backfill(FakeManagedAgents.SESSION, first.resumeFrom(), sink);

    assertThat(resumed).isEqualTo(new BackfillResult(true, null, 3));
    assertThat(sink.payloads(EventType.AGENT_MESSAGE).stream().map(p -> p.path("content").path(0).path("text").asString()))
        .containsExactly("m1", "m2", "m3", "m4", "m5");

    BackfillResult again = backend.backfill(FakeManagedAgents.SESSION, null, sink);
    assertThat(again).isEqualTo(new BackfillResult(true, null, 0));
    assertThat(sink.appended).hasSize(5);
  }
}
