package one.knoq.agent.backend.embedded;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.AgentBackend;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.Turn;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.Usage;
import one.knoq.agent.backend.tools.BuiltInTools;
import one.knoq.agent.backend.tools.Calculator;
import one.knoq.agent.backend.tools.Tool;
import one.knoq.agent.internal.AgentSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The offline default agent: no network, no key, deterministic. It calls its calculator for an
 * arithmetic expression in the message and otherwise says what it understood and what it can do,
 * taking {@code knoq.agent.embedded-latency} per step so that clients see a turn unfold.
 */
@Component
@ConditionalOnProperty(name = "knoq.agent.backend", havingValue = "embedded", matchIfMissing = true)
class EmbeddedBackend implements AgentBackend {

  private static final int QUOTE_LIMIT = 200;

  private final Duration latency;
  private final BuiltInTools tools = new BuiltInTools();

  EmbeddedBackend(AgentSettings settings) {
    this.latency = settings.embeddedLatency();
  }

  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnEvents events) throws InterruptedException {
    String question = turn.userText();
    step(turn);
    Optional<String> expression = ArithmeticFinder.find(question);
    String reply = expression.isPresent() ? calculate(turn, events, expression.get()) : describe(question);
    step(turn);
    var payload = events.newPayload();
    payload.putArray("content").addObject().put("type", "text").put("text", reply);
    events.append(EventType.AGENT_MESSAGE, payload);
    events.addUsage(new Usage(tokens(turn), reply.length() / 4 + 1, BigDecimal.ZERO));
    return new TurnOutcome.Completed(StopReason.END_TURN);
  }

  private String calculate(Turn turn, TurnEvents events, String expression)
      throws InterruptedException {
    String toolUseId = "toolu_" + turn.runId();
    var use = events.newPayload();
    use.put("id", toolUseId).put("name", Calculator.NAME);
    use.putObject("input").put("expression", expression);
    events.append(EventType.TOOL_USE, use);

    step(turn);
    Tool.ToolResult result = tools.run(Calculator.NAME, use.get("input"));
    var resultPayload = events.newPayload();
    resultPayload.put("tool_use_id", toolUseId);
    resultPayload.putArray("content").addObject().put("type", "text").put("text", result.text());
    resultPayload.put("is_error", result.isError());
    events.append(EventType.TOOL_RESULT, resultPayload);
    return result.isError()
        ? "I could not work out " + expression + ": " + result.text() + "."
        : expression + " = " + result.text() + ".";
  }

  private static String describe(String question) {
    String quoted = question.strip().replaceAll("\\s+", " ");
    if (quoted.codePointCount(0, quoted.length()) > QUOTE_LIMIT) {
      quoted = quoted.substring(0, quoted.offsetByCodePoints(0, QUOTE_LIMIT)) + "…";
    }
    return "You asked: \""
        + quoted
        + "\". I am Knoq's built-in offline agent, so I answer without a language model. "
        + "My one tool is a calculator: ask me something like \"What is 12*7?\" and I will work it out. "
        + "For open-ended answers, your operator can connect a model backend (KNOQ_AGENT_BACKEND).";
  }

  private static long tokens(Turn turn) {
    long chars = 0;
    for (HistoryEvent e : turn.history()) {
      chars += e.payload().toString().length();
    }
    return chars / 4 + 1;
  }

  /** One simulated step: waits the configured latency, ending early when the turn is cancelled. */
  private void step(Turn turn) throws InterruptedException {
    if (turn.cancellation().await(latency)) {
      turn.cancellation().throwIfCancelled();
    }
  }
}
