package one.knoq.agent.backend.anthropic;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.http.ChatProtocol;
import one.knoq.agent.backend.http.Json;
import one.knoq.agent.backend.http.UpstreamRequest;
import one.knoq.agent.backend.tools.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's Messages API ({@code POST /v1/messages}), non-streaming, with tool use blocks. */
final class AnthropicMessages implements ChatProtocol {

  private final AnthropicSettings settings;
  private final URI endpoint;

  AnthropicMessages(AnthropicSettings settings) {
    this.settings = settings;
    this.endpoint = URI.create(stripSlash(settings.baseUrl()) + "/v1/messages");
  }

  @Override
  public String model() {
    return settings.model();
  }

  @Override
  public UpstreamRequest request(List<HistoryEvent> context, String systemPrompt, List<Tool> tools) {
    var body = Json.object();
    body.put("model", settings.model()).put("max_tokens", settings.maxTokens());
    if (!systemPrompt.isBlank()) {
      body.put("system", systemPrompt);
    }
    ArrayNode toolDefs = body.putArray("tools");
    for (Tool tool : tools) {
      toolDefs.addObject()
          .put("name", tool.name())
          .put("description", tool.description())
          .set("input_schema", tool.inputSchema());
    }
    body.set("messages", messages(context));
    return UpstreamRequest.post(
        endpoint,
        Map.of("x-api-key", settings.apiKey(), "anthropic-version", settings.apiVersion()),
        Json.write(body));
  }

  /** Consecutive events of one role become one message with several content blocks. */
  static ArrayNode messages(List<HistoryEvent> context) {
    var messages = Json.array();
    for (HistoryEvent e : context) {
      JsonNode p = e.payload();
      switch (e.type()) {
        case USER_MESSAGE -> text(messages, "user", e.text());
        case AGENT_MESSAGE -> text(messages, "assistant", e.text());
        case TOOL_USE ->
            block(messages, "assistant")
                .put("type", "tool_use")
                .put("id", p.path("id").asString(""))
                .put("name", p.path("name").asString(""))
                .set("input", p.path("input").isObject() ? p.path("input") : Json.object());
        case TOOL_RESULT -> {
          var result = block(messages, "user");
          result.put("type", "tool_result").put("tool_use_id", p.path("tool_use_id").asString(""));
          result.put("content", e.text());
          result.put("is_error", p.path("is_error").asBoolean(false));
        }
        default -> {
          // Transcript.context keeps only the four conversation types
        }
      }
    }
    return messages;
  }

  private static void text(ArrayNode messages, String role, String text) {
    if (!text.isEmpty()) { // the API rejects empty text blocks
      block(messages, role).put("type", "text").put("text", text);
    }
  }

  private static ObjectNode block(ArrayNode messages, String role) {
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    ObjectNode message;
    if (last != null && role.equals(last.path("role").asString(""))) {
      message = (ObjectNode) last;
    } else {
      message = messages.addObject().put("role", role);
      message.putArray("content");
    }
    return ((ArrayNode) message.get("content")).addObject();
  }

  @Override
  public ModelReply read(JsonNode answer) {
    JsonNode content = answer.path("content");
    if (!"message".equals(answer.path("type").asString("")) || !content.isArray()) {
      throw new IllegalArgumentException("not a Messages API message (no type:message with content)");
    }
    var text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      switch (block.path("type").asString("")) {
        case "text" -> text.append(block.path("text").asString(""));
        case "tool_use" -> {
          JsonNode input = block.path("input");
          boolean ok = input.isObject();
          calls.add(
              new ToolCall(
                  require(block, "id"),
                  require(block, "name"),
                  ok ? input : Json.object(),
                  ok ? null : "input is not an object"));
        }
        default -> {
          // thinking and other blocks are not part of our event model
        }
      }
    }
    JsonNode usage = answer.path("usage");
    String stop = answer.path("stop_reason").asString("");
    return new ModelReply(
        text.toString(),
        calls,
        usage.path("input_tokens").asLong(0),
        usage.path("output_tokens").asLong(0),
        "max_tokens".equals(stop));
  }

  private static String require(JsonNode node, String field) {
    String value = node.path(field).asString("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("tool_use block without " + field);
    }
    return value;
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
