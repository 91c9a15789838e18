package one.knoq.agent.backend.http;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.Cancellation;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.Turn;
import one.knoq.agent.internal.AgentSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Settings and turns for backend tests: short timeouts and backoffs so failures are quick. */
public final class Fixtures {

  public static final String SYSTEM_PROMPT = "You are a test agent. Use the calculator.";

  private Fixtures() {}

  public static AgentSettings agent(int maxSteps) {
    return new AgentSettings("openai", Duration.ZERO, SYSTEM_PROMPT, maxSteps, Duration.ofMillis(250));
  }

  public static HttpSettings http(int maxAttempts) {
    return http(maxAttempts, Duration.ofSeconds(5));
  }

  public static HttpSettings http(int maxAttempts, Duration readTimeout) {
    return new HttpSettings(
        Duration.ofSeconds(2), readTimeout, maxAttempts, Duration.ofSeconds(5),
        Duration.ofMillis(10), Duration.ofMillis(50));
  }

  public static PricingSettings noOverrides() {
    return new PricingSettings("");
  }

  public static HistoryEvent user(String text) {
    var p = Json.object();
    p.set("content", Json.textContent(text));
    return new HistoryEvent(EventType.USER_MESSAGE, p);
  }

  public static HistoryEvent agentMessage(String text) {
    var p = Json.object();
    p.set("content", Json.textContent(text));
    return new HistoryEvent(EventType.AGENT_MESSAGE, p);
  }

  public static HistoryEvent toolUse(String id, String expression) {
    var p = Json.object().put("id", id).put("name", "calculator");
    p.putObject("input").put("expression", expression);
    return new HistoryEvent(EventType.TOOL_USE, p);
  }

  public static HistoryEvent toolResult(String id, String text) {
    var p = Json.object().put("tool_use_id", id).put("is_error", false);
    p.set("content", Json.textContent(text));
    return new HistoryEvent(EventType.TOOL_RESULT, p);
  }

  public static HistoryEvent event(EventType type, String json) {
    return new HistoryEvent(type, Json.read(json));
  }

  public static Turn turn(List<HistoryEvent> history) {
    return turn(history, null, new Cancellation());
  }

  public static Turn turn(List<HistoryEvent> history, @Nullable String remote, Cancellation cancellation) {
    return new Turn(UUID.randomUUID().toString(), "run1", remote, history, cancellation);
  }

  public static JsonNode json(okio.ByteString body) {
    return Json.read(body.utf8());
  }
}
