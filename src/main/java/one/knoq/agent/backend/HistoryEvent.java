package one.knoq.agent.backend;

import one.knoq.agent.EventType;
import tools.jackson.databind.JsonNode;

/** One event of the session's log as a backend sees it: its type and its payload (spec 5 shapes). */
public record HistoryEvent(EventType type, JsonNode payload) {

  /** The concatenated text blocks of a message payload ({@code content:[{type:"text",text}]}). */
  public String text() {
    var sb = new StringBuilder();
    JsonNode content = payload.path("content");
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asString(""))) {
        sb.append(block.path("text").asString(""));
      }
    }
    return sb.toString();
  }
}
