package one.knoq.agent.backend.http;

import java.util.List;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.Turn;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.tools.BuiltInTools;
import one.knoq.agent.backend.tools.Tool;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our own agent loop: call the model with the history, the system prompt and the built-in tools;
 * record its text and tool calls; run the tools and feed their results back; stop at the model's
 * final answer or after {@code maxSteps} model calls. Usage is reported after every call.
 */
public final class AgentLoop {

  private final ChatProtocol protocol;
  private final UpstreamClient client;
  private final PriceTable prices;
  private final String systemPrompt;
  private final int maxSteps;
  private final BuiltInTools tools = new BuiltInTools();

  public AgentLoop(
      ChatProtocol protocol, UpstreamClient client, PriceTable prices, String systemPrompt, int maxSteps) {
    this.protocol = protocol;
    this.client = client;
    this.prices = prices;
    this.systemPrompt = systemPrompt;
    this.maxSteps = maxSteps;
  }

  public TurnOutcome run(Turn turn, TurnEvents events) throws InterruptedException {
    UpstreamCalls calls = client.forTurn(turn.cancellation());
    List<HistoryEvent> context = new java.util.ArrayList<>(Transcript.context(turn.history()));
    for (int step = 1; step <= maxSteps; step++) {
      turn.cancellation().throwIfCancelled();
      ChatProtocol.ModelReply reply;
      try {
        reply = calls.call(protocol.request(context, systemPrompt, tools.all()), protocol::read);
      } catch (UpstreamFailure failure) {
        return failure.outcome();
      }
      events.addUsage(prices.usage(protocol.model(), reply.inputTokens(), reply.outputTokens()));
      if (!reply.text().isEmpty()) {
        record(events, context, EventType.AGENT_MESSAGE, message(events, reply.text()));
      }
      if (reply.truncated()) {
        // never present a cut-off answer as complete: the runner writes this error after it
        return new TurnOutcome.Failed(
            "upstream_error",
            "the model's answer was cut off at its output token limit, so it is incomplete",
            false,
            StopReason.END_TURN);
      }
      if (reply.toolCalls().isEmpty()) {
        return new TurnOutcome.Completed(StopReason.END_TURN);
      }
      for (ChatProtocol.ToolCall call : reply.toolCalls()) {
        runTool(turn, events, context, call);
      }
    }
    return new TurnOutcome.Completed(StopReason.MAX_STEPS);
  }

  private void runTool(Turn turn, TurnEvents events, List<HistoryEvent> context, ChatProtocol.ToolCall call) {
    turn.cancellation().throwIfCancelled();
    var use = events.newPayload();
    use.put("id", call.id()).put("name", call.name()).set("input", call.input().deepCopy());
    record(events, context, EventType.TOOL_USE, use);

    Tool.ToolResult result =
        call.inputError() != null
            ? new Tool.ToolResult("invalid tool arguments: " + call.inputError(), true)
            : tools.run(call.name(), call.input());
    var payload = events.newPayload();
    payload.put("tool_use_id", call.id());
    payload.set("content", Json.textContent(result.text()));
    payload.put("is_error", result.isError());
    record(events, context, EventType.TOOL_RESULT, payload);
  }

  private static ObjectNode message(TurnEvents events, String text) {
    var payload = events.newPayload();
    payload.set("content", Json.textContent(text));
    return payload;
  }

  private static void record(
      TurnEvents events, List<HistoryEvent> context, EventType type, ObjectNode payload) {
    events.append(type, payload);
    context.add(new HistoryEvent(type, payload));
  }
}
