package one.knoq.agent.backend.anthropic;

import static one.knoq.agent.backend.http.Fixtures.agent;
import static one.knoq.agent.backend.http.Fixtures.agentMessage;
import static one.knoq.agent.backend.http.Fixtures.event;
import static one.knoq.agent.backend.http.Fixtures.http;
import static one.knoq.agent.backend.http.Fixtures.json;
import static one.knoq.agent.backend.http.Fixtures.noOverrides;
import static one.knoq.agent.backend.http.Fixtures.toolResult;
import static one.knoq.agent.backend.http.Fixtures.toolUse;
import static one.knoq.agent.backend.http.Fixtures.turn;
import static one.knoq.agent.backend.http.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.http.Fixtures;
import one.knoq.agent.backend.http.HttpSettings;
import one.knoq.agent.backend.http.RecordingTurnEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The anthropic backend against a loopback server speaking the Messages API. */
class AnthropicBackendTests {

  final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static MockResponse message(String json) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(json).build();
  }

  static final String CALLS_CALCULATOR =
      """
      {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
       "content":[{"type":"text","text":"Let me calculate."},
                  {"type":"tool_use","id":"toolu_01","name":"calculator","input":{"expression":"12*7"}}],
       "stop_reason":"tool_use","stop_sequence":null,
       "usage":{"input_tokens":400,"output_tokens":50}}
      """;

  static final String ANSWERS_84 =
      """
      {"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
       "content":[{"type":"text","text":"12*7 = 84."}],
       "stop_reason":"end_turn","stop_sequence":null,
       "usage":{"input_tokens":480,"output_tokens":10}}
      """;

  AnthropicBackend backend(HttpSettings http) {
    return backend(http, 8);
  }

  AnthropicBackend backend(HttpSettings http, int maxSteps) {
    var settings =
        new AnthropicSettings("sk-ant-test", server.url("/").toString(), "claude-sonnet-4-5-20250929", 1024, "2023-06-01");
    return new AnthropicBackend(agent(maxSteps), settings, http, noOverrides(), Clock.systemUTC());
  }

  @Test
  void calculator_round_trip_with_tool_use_blocks() throws Exception {
    server.enqueue(message(CALLS_CALCULATOR));
    server.enqueue(message(ANSWERS_84));
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = backend(http(3)).runTurn(turn(List.of(user("What is 12*7?"))), events);

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.END_TURN));
    assertThat(events.types())
        .containsExactly(
            EventType.AGENT_MESSAGE, EventType.TOOL_USE, EventType.TOOL_RESULT, EventType.AGENT_MESSAGE);
    assertThat(events.payloads(EventType.TOOL_USE).get(0).toString())
        .isEqualTo("{\"id\":\"toolu_01\",\"name\":\"calculator\",\"input\":{\"expression\":\"12*7\"}}");
    assertThat(events.payloads(EventType.TOOL_RESULT).get(0).toString())
        .isEqualTo("{\"tool_use_id\":\"toolu_01\",\"content\":[{\"type\":\"text\",\"text\":\"84\"}],\"is_error\":false}");
    assertThat(events.payloads(EventType.AGENT_MESSAGE).get(1).path("content").path(0).path("text").asString())
        .isEqualTo("12*7 = 84.");

    RecordedRequest first = server.takeRequest();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(first.getHeaders().get("x-api-key")).isEqualTo("sk-ant-test");
    assertThat(first.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(first.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = json(first.getBody());
    assertThat(body.path("model").asString()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
    assertThat(body.path("system").asString()).isEqualTo(Fixtures.SYSTEM_PROMPT);
    assertThat(body.path("tools").path(0).path("name").asString()).isEqualTo("calculator");
    assertThat(body.path("tools").path(0).path("input_schema").path("type").asString()).isEqualTo("object");
    assertThat(body.path("messages").toString())
        .isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is 12*7?\"}]}]");

    JsonNode second = json(server.takeRequest().getBody()).path("messages");
    assertThat(second.toString())
        .isEqualTo(
            "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is 12*7?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Let me calculate.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"calculator\",\"input\":{\"expression\":\"12*7\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
                + "\"content\":\"84\",\"is_error\":false}]}]");
  }

  @Test
  void usage_and_cost_come_from_the_answers_and_the_price_table() throws Exception {
    server.enqueue(message(CALLS_CALCULATOR));
    server.enqueue(message(ANSWERS_84));
    var events = new RecordingTurnEvents();

    backend(http(3)).runTurn(turn(List.of(user("What is 12*7?"))), events);

    // claude-sonnet-4-5-*: 3 USD / M input, 15 USD / M output; 880 in, 60 out
    assertThat(events.usage().inputTokens()).isEqualTo(880);
    assertThat(events.usage().outputTokens()).isEqualTo(60);
    assertThat(events.usage().costUsd()).isEqualByComparingTo(new BigDecimal("0.00354"));
  }

  @Test
  void history_merges_consecutive_roles_and_drops_status_and_errors() throws Exception {
    server.enqueue(message(ANSWERS_84));
    var history =
        List.of(
            user("What is 2+2?"),
            toolUse("toolu_a", "2+2"),
            toolResult("toolu_a", "4"),
            agentMessage("It is 4."),
            event(EventType.STATUS_IDLE, "{\"stop_reason\":{\"type\":\"end_turn\"}}"),
            user("Thanks."),
            event(EventType.ERROR, "{\"error\":{\"type\":\"timeout\",\"message\":\"x\",\"retryable\":true}}"),
            event(EventType.STATUS_IDLE, "{\"stop_reason\":{\"type\":\"retries_exhausted\"}}"),
            user("What is 12*7?"));

    backend(http(1)).runTurn(turn(history), new RecordingTurnEvents());

    assertThat(json(server.takeRequest().getBody()).path("messages").toString())
        .isEqualTo(
            "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is 2+2?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"calculator\","
                + "\"input\":{\"expression\":\"2+2\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_a\",\"content\":\"4\","
                + "\"is_error\":false}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"It is 4.\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Thanks.\"},"
                + "{\"type\":\"text\",\"text\":\"What is 12*7?\"}]}]");
  }

  @Test
  void max_tokens_stop_is_a_failure_not_a_complete_answer() throws Exception {
    server.enqueue(
        message(
            """
            {"id":"msg_03","type":"message","role":"assistant","content":[{"type":"text","text":"The answer is"}],
             "stop_reason":"max_tokens","usage":{"input_tokens":10,"output_tokens":1024}}
            """));
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = backend(http(1)).runTurn(turn(List.of(user("hi"))), events);

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(events.usage().outputTokens()).isEqualTo(1024);
  }

  @Test
  void a_missing_api_key_fails_at_start_up() {
    var settings = new AnthropicSettings("", "https://api.anthropic.com", "claude-sonnet-4-5", 1024, "2023-06-01");
    assertThatThrownBy(
            () -> new AnthropicBackend(agent(8), settings, http(1), noOverrides(), Clock.systemUTC()))
        .hasMessageContaining("KNOQ_ANTHROPIC_API_KEY");
  }
}
