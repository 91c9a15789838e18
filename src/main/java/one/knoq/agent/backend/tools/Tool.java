package one.knoq.agent.backend.tools;

import tools.jackson.databind.JsonNode;

/** A built-in tool the agent may call: a name, a description and a JSON schema for its input. */
public interface Tool {

  String name();

  String description();

  /** JSON Schema of the input object, as the model providers expect it. */
  JsonNode inputSchema();

  /** Runs the tool; never throws for bad input, reports it as an error result instead. */
  ToolResult run(JsonNode input);

  /** What a tool returned: text, and whether it is an error. */
  record ToolResult(String text, boolean isError) {}
}
