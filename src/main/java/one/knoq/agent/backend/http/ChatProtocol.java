package one.knoq.agent.backend.http;

import java.util.List;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.tools.Tool;
import tools.jackson.databind.JsonNode;

/** One provider's wire format for a tool-calling chat model, as {@link AgentLoop} drives it. */
public interface ChatProtocol {

  /** The model asked for, also the key of the price table. */
  String model();

  /**
   * The request for the next model call.
   *
   * @param context the conversation so far, only user_message, agent_message, tool_use and
   *     tool_result events, every tool_use paired with its tool_result (see {@link Transcript})
   */
  UpstreamRequest request(List<HistoryEvent> context, String systemPrompt, List<Tool> tools);

  /**
   * Reads the provider's answer.
   *
   * @throws IllegalArgumentException when the answer does not have the expected shape
   */
  ModelReply read(JsonNode answer);

  /**
   * What one model call answered.
   *
   * @param text the answer's text, empty when it only calls tools
   * @param truncated true when the model stopped at its token limit, so the answer is incomplete
   */
  record ModelReply(
      String text, List<ToolCall> toolCalls, long inputTokens, long outputTokens, boolean truncated) {}

  /**
   * A tool call the model asked for.
   *
   * @param input the arguments object ({@code {}} when they could not be read)
   * @param inputError why the arguments could not be read, or null
   */
  record ToolCall(String id, String name, JsonNode input, @org.jspecify.annotations.Nullable String inputError) {}
}
