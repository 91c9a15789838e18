package one.knoq.agent.backend.tools;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The tools every backend's agent loop offers the model. */
public final class BuiltInTools {

  private final List<Tool> tools = List.of(new Calculator());

  public List<Tool> all() {
    return tools;
  }

  public Optional<Tool> find(String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Runs a tool by name; an unknown name is an error result, not an exception. */
  public Tool.ToolResult run(String name, JsonNode input) {
    return find(name)
        .map(t -> t.run(input))
        .orElseGet(() -> new Tool.ToolResult("unknown tool: " + name, true));
  }
}
