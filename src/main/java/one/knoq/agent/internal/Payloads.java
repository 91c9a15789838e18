package one.knoq.agent.internal;

import java.nio.charset.StandardCharsets;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.Usage;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds the event payloads the runner and the commands write (spec 5 shapes, snake_case). */
@Component
class Payloads {

  static final int TOOL_RESULT_LIMIT_BYTES = 64 * 1024;

  private final JsonMapper json;

  Payloads(JsonMapper json) {
    this.json = json;
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  String text(String text) {
    var payload = object();
    payload.putArray("content").addObject().put("type", "text").put("text", text);
    return payload.toString();
  }

  String statusIdle(StopReason reason, Usage usage) {
    var payload = object();
    payload.putObject("stop_reason").put("type", reason.wire());
    payload
        .putObject("usage")
        .put("input_tokens", usage.inputTokens())
        .put("output_tokens", usage.outputTokens())
        .put("cost_usd", usage.costUsd());
    return payload.toString();
  }

  String statusTerminated(String reason) {
    return object().put("reason", reason).toString();
  }

  String error(String type, String message, boolean retryable) {
    var payload = object();
    payload.putObject("error").put("type", type).put("message", message).put("retryable", retryable);
    return payload.toString();
  }

  JsonNode parse(String payload) {
    return json.readTree(payload);
  }

  /**
   * Truncates each text block of a tool result to 64 KiB (UTF-8), never splitting a character, and
   * says so in the text.
   */
  ObjectNode truncateToolResult(ObjectNode payload) {
    for (JsonNode block : payload.path("content")) {
      if (block instanceof ObjectNode text && block.path("text").isString()) {
        String value = block.path("text").asString();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > TOOL_RESULT_LIMIT_BYTES) {
          String marker =
              "\n[truncated by Knoq: the tool returned " + bytes.length + " bytes; the first "
                  + TOOL_RESULT_LIMIT_BYTES + " are kept]";
          text.put("text", prefixOfBytes(value, TOOL_RESULT_LIMIT_BYTES - marker.length()) + marker);
        }
      }
    }
    return payload;
  }

  private static String prefixOfBytes(String value, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return value.substring(0, i);
  }
}
