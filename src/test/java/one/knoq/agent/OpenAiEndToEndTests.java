package one.knoq.agent;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import one.knoq.support.ApiClient;
import one.knoq.support.StandaloneServer;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole server on the openai backend, answering through a loopback Chat Completions server:
 * the turn's tool call and answer reach the transcript, and its cost reaches the usage ledger.
 */
class OpenAiEndToEndTests {

  private final MockWebServer provider = new MockWebServer();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private StandaloneServer server;

  @BeforeEach
  void start() throws Exception {
    provider.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode body = ApiClient.JSON.readTree(request.getBody().utf8());
            requests.add(body);
            boolean toolAnswered = false;
            for (JsonNode m : body.path("messages")) {
              toolAnswered |= "tool".equals(m.path("role").asString(""));
            }
            return toolAnswered ? answer("12*7 is 84.") : toolCall();
          }
        });
    provider.start();
    server =
        StandaloneServer.start(
            "jdbc:h2:mem:openai-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            Map.of(
                "knoq.agent.backend", "openai",
                "knoq.agent.openai.base-url", provider.url("/v1").toString(),
                "knoq.agent.openai.api-key", "sk-test",
                "knoq.agent.openai.model", "gpt-4o-mini"));
  }

  @AfterEach
  void stop() {
    server.close();
    provider.close();
  }

  @Test
  void a_turn_calls_the_model_runs_the_tool_and_counts_the_cost() {
    ApiClient admin = server.admin();
    var created = admin.post("/api/managed-agents/session", json("text", "What is 12*7?"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();

    List<JsonNode> events = Transcripts.awaitIdle(admin, id, 1);
    assertThat(Transcripts.types(events))
        .containsExactly("user_message", "tool_use", "tool_result", "agent_message", "status_idle");
    assertThat(events.get(1).path("payload").path("input").path("expression").asString()).isEqualTo("12*7");
    assertThat(events.get(2).path("payload").path("content").get(0).path("text").asString()).isEqualTo("84");
    assertThat(Transcripts.agentTexts(events).get(0)).isEqualTo("12*7 is 84.");
    JsonNode usage = events.get(4).path("payload").path("usage");
    assertThat(usage.path("input_tokens").asLong()).isEqualTo(100 + 120);
    assertThat(usage.path("output_tokens").asLong()).isEqualTo(20 + 8);
    assertThat(usage.path("cost_usd").decimalValue()).isPositive();

    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).path("model").asString()).isEqualTo("gpt-4o-mini");
    assertThat(requests.get(0).path("tools").get(0).path("function").path("name").asString()).isEqualTo("calculator");

    JsonNode month = admin.get("/api/admin/usage").json();
    assertThat(month.path("queries").asLong()).isEqualTo(1);
    assertThat(new BigDecimal(month.path("monthToDateUsd").asString()))
        .isEqualByComparingTo(usage.path("cost_usd").decimalValue());
  }

  private static MockResponse toolCall() {
    return ok(
        """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
           {"id":"call_1","type":"function","function":{"name":"calculator","arguments":"{\\"expression\\":\\"12*7\\"}"}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120}}
        """);
  }

  private static MockResponse answer(String text) {
    return ok(
        """
        {"id":"chatcmpl-2","object":"chat.completion","created":2,"model":"gpt-4o-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":120,"completion_tokens":8,"total_tokens":128}}
        """
            .formatted(text));
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }
}
