package one.knoq.agent.backend.openai;

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
import one.knoq.agent.backend.http.PricingSettings;
import one.knoq.agent.backend.http.RecordingTurnEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The openai backend against a loopback server speaking Chat Completions. */
class OpenAiBackendTests {

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static MockResponse completion(String json) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(json).build();
  }

  static final String CALLS_CALCULATOR =
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
       "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
         "tool_calls":[{"id":"call_abc","type":"function",
           "function":{"name":"calculator","arguments":"{\\"expression\\":\\"12*7\\"}"}}]}}],
       "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120}}
      """;

  static final String ANSWERS_84 =
      """
      {"id":"chatcmpl-2","object":"chat.completion","created":2,"model":"gpt-4o-mini",
       "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"12*7 is 84."}}],
       "usage":{"prompt_tokens":150,"completion_tokens":10,"total_tokens":160}}
      """;

  private OpenAiBackend backend(String key, int maxSteps) {
    return backend(key, maxSteps, noOverrides());
  }

  private OpenAiBackend backend(String key, int maxSteps, PricingSettings pricing) {
    var settings = new OpenAiSettings(key, server.url("/v1").toString(), "gpt-4o-mini", 0);
    return new OpenAiBackend(agent(maxSteps), settings, http(3), pricing, Clock.systemUTC());
  }

  @Test
  void calculator_round_trip_records_tool_use_result_and_final_answer() throws Exception {
    server.enqueue(completion(CALLS_CALCULATOR));
    server.enqueue(completion(ANSWERS_84));
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = backend("sk-test", 8).runTurn(turn(List.of(user("What is 12*7?"))), events);

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.END_TURN));
    assertThat(events.types())
        .containsExactly(EventType.TOOL_USE, EventType.TOOL_RESULT, EventType.AGENT_MESSAGE);
    assertThat(events.payloads(EventType.TOOL_USE).get(0).toString())
        .isEqualTo("{\"id\":\"call_abc\",\"name\":\"calculator\",\"input\":{\"expression\":\"12*7\"}}");
    var result = events.payloads(EventType.TOOL_RESULT).get(0);
    assertThat(result.path("tool_use_id").asString()).isEqualTo("call_abc");
    assertThat(result.path("content").path(0).path("text").asString()).isEqualTo("84");
    assertThat(result.path("is_error").asBoolean()).isFalse();
    assertThat(events.payloads(EventType.AGENT_MESSAGE).get(0).path("content").path(0).path("text").asString())
        .contains("84");

    RecordedRequest first = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("POST");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test");
    JsonNode body = json(first.getBody());
    assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("messages").path(0).toString())
        .isEqualTo("{\"role\":\"system\",\"content\":\"" + Fixtures.SYSTEM_PROMPT + "\"}");
    assertThat(body.path("messages").path(1).toString())
        .isEqualTo("{\"role\":\"user\",\"content\":\"What is 12*7?\"}");
    assertThat(body.path("tools").path(0).path("type").asString()).isEqualTo("function");
    assertThat(body.path("tools").path(0).path("function").path("name").asString()).isEqualTo("calculator");
    assertThat(body.path("tools").path(0).path("function").path("parameters").path("required").path(0).asString())
        .isEqualTo("expression");

    JsonNode second = json(server.takeRequest().getBody()).path("messages");
    assertThat(second.size()).isEqualTo(4);
    assertThat(second.path(2).path("role").asString()).isEqualTo("assistant");
    assertThat(second.path(2).path("tool_calls").path(0).path("id").asString()).isEqualTo("call_abc");
    assertThat(second.path(2).path("tool_calls").path(0).path("function").path("arguments").asString())
        .isEqualTo("{\"expression\":\"12*7\"}");
    assertThat(second.path(3).toString())
        .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_abc\",\"content\":\"84\"}");
  }

  @Test
  void usage_is_summed_over_calls_and_priced_from_the_table() throws Exception {
    server.enqueue(completion(CALLS_CALCULATOR));
    server.enqueue(completion(ANSWERS_84));
    var events = new RecordingTurnEvents();

    backend("sk-test", 8).runTurn(turn(List.of(user("What is 12*7?"))), events);

    // gpt-4o-mini: 0.15 USD / M input, 0.60 USD / M output; 250 in, 30 out
    assertThat(events.usage().inputTokens()).isEqualTo(250);
    assertThat(events.usage().outputTokens()).isEqualTo(30);
    assertThat(events.usage().costUsd()).isEqualByComparingTo(new BigDecimal("0.0000555"));
  }

  @Test
  void a_price_override_replaces_the_table_and_an_unknown_model_costs_nothing() throws Exception {
    server.enqueue(completion(ANSWERS_84));
    var priced = new RecordingTurnEvents();
    backend("", 8, new PricingSettings("gpt-4o-mini=1000/2000")).runTurn(turn(List.of(user("hi"))), priced);
    assertThat(priced.usage().costUsd()).isEqualByComparingTo(new BigDecimal("0.17")); // 150*1000e-6 + 10*2000e-6

    server.enqueue(completion(ANSWERS_84));
    var unknown = new RecordingTurnEvents();
    var settings = new OpenAiSettings("", server.url("/v1").toString(), "llama3.1:8b", 0);
    new OpenAiBackend(agent(8), settings, http(1), noOverrides(), Clock.systemUTC())
        .runTurn(turn(List.of(user("hi"))), unknown);
    assertThat(unknown.usage().inputTokens()).isEqualTo(150);
    assertThat(unknown.usage().costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void an_empty_key_sends_no_authorization_header_like_ollama_expects() throws Exception {
    server.enqueue(completion(ANSWERS_84));

    backend("", 8).runTurn(turn(List.of(user("hi"))), new RecordingTurnEvents());

    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void history_becomes_messages_without_status_error_or_unpaired_tool_events() throws Exception {
    server.enqueue(completion(ANSWERS_84));
    var history =
        List.of(
            user("What is 2+2?"),
            toolUse("call_1", "2+2"),
            toolResult("call_1", "4"),
            agentMessage("It is 4."),
            event(EventType.STATUS_IDLE, "{\"stop_reason\":{\"type\":\"end_turn\"}}"),
            user("And 3+3?"),
            toolUse("call_lost", "3+3"), // the turn was cancelled before its result
            event(EventType.ERROR, "{\"error\":{\"type\":\"timeout\",\"message\":\"x\",\"retryable\":true}}"),
            event(EventType.STATUS_IDLE, "{\"stop_reason\":{\"type\":\"retries_exhausted\"}}"),
            user("What is 12*7?"));

    backend("k", 8).runTurn(turn(history), new RecordingTurnEvents());

    JsonNode messages = json(server.takeRequest().getBody()).path("messages");
    assertThat(messages.toString())
        .isEqualTo(
            "[{\"role\":\"system\",\"content\":\"" + Fixtures.SYSTEM_PROMPT + "\"},"
                + "{\"role\":\"user\",\"content\":\"What is 2+2?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"calculator\",\"arguments\":\"{\\\"expression\\\":\\\"2+2\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"4\"},"
                + "{\"role\":\"assistant\",\"content\":\"It is 4.\"},"
                + "{\"role\":\"user\",\"content\":\"And 3+3?\"},"
                + "{\"role\":\"user\",\"content\":\"What is 12*7?\"}]");
  }

  @Test
  void a_model_that_keeps_calling_tools_stops_after_max_steps() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(completion(CALLS_CALCULATOR));
    }
    var events = new RecordingTurnEvents();

    TurnOutcome outcome = backend("k", 3).runTurn(turn(List.of(user("loop"))), events);

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(StopReason.MAX_STEPS));
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(events.payloads(EventType.TOOL_USE)).hasSize(3);
  }

  @Test
  void an_answer_cut_off_at_the_token_limit_is_not_presented_as_complete() throws Exception {
    server.enqueue(
        completion(
            """
            {"choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":"The answer is"}}],
             "usage":{"prompt_tokens":5,"completion_tokens":3}}
            """));

    TurnOutcome outcome = backend("k", 8).runTurn(turn(List.of(user("hi"))), new RecordingTurnEvents());

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(((TurnOutcome.Failed) outcome).message()).contains("cut off");
  }

  @Test
  void unreadable_tool_arguments_become_an_error_result_the_model_can_see() throws Exception {
    server.enqueue(
        completion(
            """
            {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"",
              "tool_calls":[{"id":"call_x","type":"function","function":{"name":"calculator","arguments":"{oops"}}]}}],
             "usage":{"prompt_tokens":5,"completion_tokens":3}}
            """));
    server.enqueue(completion(ANSWERS_84));
    var events = new RecordingTurnEvents();

    backend("k", 8).runTurn(turn(List.of(user("hi"))), events);

    var result = events.payloads(EventType.TOOL_RESULT).get(0);
    assertThat(result.path("is_error").asBoolean()).isTrue();
    assertThat(result.path("content").path(0).path("text").asString()).contains("not a JSON object");
  }
}
