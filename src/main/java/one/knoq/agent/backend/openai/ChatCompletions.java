package one.knoq.agent.backend.openai;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.http.ChatProtocol;
import one.knoq.agent.backend.http.Json;
import one.knoq.agent.backend.http.UpstreamRequest;
import one.knoq.agent.backend.tools.Tool;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAI Chat Completions API ({@code POST {base}/chat/completions}), non-streaming. */
final class ChatCompletions implements ChatProtocol {

  private final OpenAiSettings settings;
  private final URI endpoint;
  private final Map<String, String> headers;

  ChatCompletions(OpenAiSettings settings) {
    this.settings = settings;
    String base = settings.baseUrl().endsWith("/")
        ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
        : settings.baseUrl();
    this.endpoint = URI.create(base + "/chat/completions");
    this.headers =
        settings.apiKey().isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + settings.apiKey());
  }

  @Override
  public String model() {
    return settings.model();
  }

  @Override
  public UpstreamRequest request(List<HistoryEvent> context, String systemPrompt, List<Tool> tools) {
    var body = Json.object();
    body.put("model", settings.model());
    if (settings.maxTokens() > 0) {
      body.put("max_tokens", settings.maxTokens());
    }
    var messages = body.putArray("messages");
    if (!systemPrompt.isBlank()) {
      messages.addObject().put("role", "system").put("content", systemPrompt);
    }
    addMessages(messages, context);
    ArrayNode toolDefs = body.putArray("tools");
    for (Tool tool : tools) {
      toolDefs.addObject()
          .put("type", "function")
          .putObject("function")
          .put("name", tool.name())
          .put("description", tool.description())
          .set("parameters", tool.inputSchema());
    }
    return UpstreamRequest.post(endpoint, headers, Json.write(body));
  }

  /** Tool uses join the assistant message before them; each result is a {@code tool} message. */
  static void addMessages(ArrayNode messages, List<HistoryEvent> context) {
    for (HistoryEvent e : context) {
      JsonNode p = e.payload();
      switch (e.type()) {
        case USER_MESSAGE -> messages.addObject().put("role", "user").put("content", e.text());
        case AGENT_MESSAGE -> messages.addObject().put("role", "assistant").put("content", e.text());
        case TOOL_USE -> {
          ObjectNode call = toolCalls(messages).addObject();
          call.put("id", p.path("id").asString("")).put("type", "function");
          call.putObject("function")
              .put("name", p.path("name").asString(""))
              .put("arguments", Json.write(p.path("input").isObject() ? p.path("input") : Json.object()));
        }
        case TOOL_RESULT ->
            messages.addObject()
                .put("role", "tool")
                .put("tool_call_id", p.path("tool_use_id").asString(""))
                .put("content", e.text());
        default -> {
          // Transcript.context keeps only the four conversation types
        }
      }
    }
  }

  private static ArrayNode toolCalls(ArrayNode messages) {
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    ObjectNode assistant;
    if (last != null && "assistant".equals(last.path("role").asString(""))) {
      assistant = (ObjectNode) last;
    } else {
      assistant = messages.addObject().put("role", "assistant");
      assistant.putNull("content");
    }
    JsonNode calls = assistant.get("tool_calls");
    return calls instanceof ArrayNode array ? array : assistant.putArray("tool_calls");
  }

  @Override
  public ModelReply read(JsonNode answer) {
    JsonNode choice = answer.path("choices").path(0);
    JsonNode message = choice.path("message");
    if (!message.isObject()) {
      throw new IllegalArgumentException("no choices[0].message in the chat completion");
    }
    List<ToolCall> calls = new ArrayList<>();
    int index = 0;
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      String name = function.path("name").asString("");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("tool call without function.name");
      }
      // some servers (older Ollama) send no id; the id only has to pair use and result
      String id = call.path("id").asString("");
      calls.add(arguments(id.isEmpty() ? "call_" + index : id, name, function.path("arguments")));
      index++;
    }
    JsonNode usage = answer.path("usage");
    return new ModelReply(
        message.path("content").asString(""),
        calls,
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0),
        "length".equals(choice.path("finish_reason").asString("")));
  }

  /** OpenAI sends arguments as a JSON string; some compatible servers send the object itself. */
  private static ToolCall arguments(String id, String name, JsonNode arguments) {
    if (arguments.isObject()) {
      return new ToolCall(id, name, arguments, null);
    }
    String raw = arguments.asString("");
    try {
      JsonNode parsed = Json.read(raw.isBlank() ? "{}" : raw);
      if (parsed.isObject()) {
        return new ToolCall(id, name, parsed, null);
      }
    } catch (JacksonException e) {
      // reported to the model as an error result below
    }
    return new ToolCall(id, name, Json.object(), "arguments are not a JSON object: " + raw);
  }
}
