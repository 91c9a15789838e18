package one.knoq.agent.backend.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON mapper of the provider wire formats (plain Jackson defaults, no Spring customisation). */
public final class Json {

  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** Parses text; throws {@link tools.jackson.core.JacksonException} when it is not JSON. */
  public static JsonNode read(String text) {
    return MAPPER.readTree(text);
  }

  /** A text block list {@code [{type:"text",text}]}, the content shape of spec-5 payloads. */
  public static ArrayNode textContent(String text) {
    var content = array();
    content.addObject().put("type", "text").put("text", text);
    return content;
  }
}
