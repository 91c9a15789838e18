package one.knoq.agent.backend.managed;

import java.util.Map;
import java.util.function.BiConsumer;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.http.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each Managed Agents event type becomes in our log. Payloads keep the remote fields
 * (including the remote timestamp {@code processed_at}) minus the remote {@code id} and {@code type},
 * normalised to the spec-5 shapes.
 */
final class RemoteEvents {

  /** A remote event that is imported as one of ours, or one that steers the turn. */
  sealed interface Mapping permits Imported, Control {}

  record Imported(EventType type, BiConsumer<JsonNode, ObjectNode> fill) implements Mapping {}

  enum Control implements Mapping {
    /** The remote session went idle: the turn ends with the idle's stop reason. */
    IDLE,
    /** The remote session ended for good. */
    TERMINATED,
    /** A model request finished; its usage counts towards the turn. */
    USAGE
  }

  /** The one mapping table. Remote types not listed here (thinking, spans, user.*) are skipped. */
  static final Map<String, Mapping> TABLE =
      Map.ofEntries(
          Map.entry("agent.message", new Imported(EventType.AGENT_MESSAGE, RemoteEvents::message)),
          Map.entry("agent.tool_use", new Imported(EventType.TOOL_USE, RemoteEvents::toolUse)),
          Map.entry("agent.mcp_tool_use", new Imported(EventType.TOOL_USE, RemoteEvents::toolUse)),
          Map.entry("agent.custom_tool_use", new Imported(EventType.TOOL_USE, RemoteEvents::toolUse)),
          Map.entry("agent.tool_result", new Imported(EventType.TOOL_RESULT, result("tool_use_id"))),
          Map.entry("agent.mcp_tool_result", new Imported(EventType.TOOL_RESULT, result("mcp_tool_use_id"))),
          Map.entry("session.error", new Imported(EventType.ERROR, RemoteEvents::error)),
          Map.entry("session.status_idle", Control.IDLE),
          Map.entry("session.status_terminated", Control.TERMINATED),
          Map.entry("span.model_request_end", Control.USAGE));

  private RemoteEvents() {}

  static @Nullable Mapping of(JsonNode remote) {
    return TABLE.get(remote.path("type").asString(""));
  }

  static StopReason stopReason(JsonNode idle) {
    return switch (idle.path("stop_reason").path("type").asString("")) {
      case "requires_action" -> StopReason.REQUIRES_ACTION;
      case "retries_exhausted" -> StopReason.RETRIES_EXHAUSTED;
      default -> StopReason.END_TURN;
    };
  }

  private static void copy(JsonNode remote, ObjectNode payload) {
    for (var field : remote.properties()) {
      if (!field.getKey().equals("id") && !field.getKey().equals("type")) {
        payload.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private static void message(JsonNode remote, ObjectNode payload) {
    copy(remote, payload);
    if (!payload.path("content").isArray()) {
      payload.putArray("content");
    }
  }

  /** Our tool_use id is the remote event id: that is what the remote results refer to. */
  private static void toolUse(JsonNode remote, ObjectNode payload) {
    copy(remote, payload);
    payload.put("id", remote.path("id").asString(""));
    if (!payload.path("input").isObject()) {
      payload.putObject("input");
    }
  }

  private static BiConsumer<JsonNode, ObjectNode> result(String useIdField) {
    return (remote, payload) -> {
      copy(remote, payload);
      payload.put("tool_use_id", remote.path(useIdField).asString(""));
      if (!payload.path("content").isArray()) {
        payload.putArray("content");
      }
      payload.put("is_error", remote.path("is_error").asBoolean(false));
    };
  }

  /** {@code retry_status.type} "retrying" means the remote side tries again by itself. */
  private static void error(JsonNode remote, ObjectNode payload) {
    JsonNode error = remote.path("error");
    payload
        .putObject("error")
        .put("type", error.path("type").asString("upstream_error"))
        .put("message", error.path("message").asString("the remote agent reported an error"))
        .put("retryable", !"terminal".equals(error.path("retry_status").path("type").asString("")));
    if (remote.has("processed_at")) {
      payload.set("processed_at", remote.get("processed_at").deepCopy());
    }
  }

  /** Checks a list answer has the shape {@code {data:[...], next_page}}. */
  static JsonNode requirePage(JsonNode page) {
    if (!page.path("data").isArray()) {
      throw new IllegalArgumentException("event list without a data array");
    }
    return page;
  }

  static ObjectNode userMessage(String text) {
    var event = Json.object().put("type", "user.message");
    event.set("content", Json.textContent(text));
    return event;
  }
}
