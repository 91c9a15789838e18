package one.knoq.agent.backend.anthropic;

import java.time.Clock;
import one.knoq.agent.backend.AgentBackend;
import one.knoq.agent.backend.Turn;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.http.AgentLoop;
import one.knoq.agent.backend.http.HttpSettings;
import one.knoq.agent.backend.http.PriceTable;
import one.knoq.agent.backend.http.PricingSettings;
import one.knoq.agent.backend.http.UpstreamClient;
import one.knoq.agent.internal.AgentSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Our own agent loop over Anthropic's Messages API, with the built-in tools. */
@Component
@ConditionalOnProperty(name = "knoq.agent.backend", havingValue = "anthropic")
class AnthropicBackend implements AgentBackend {

  private final AgentLoop loop;

  AnthropicBackend(
      AgentSettings agent,
      AnthropicSettings settings,
      HttpSettings http,
      PricingSettings pricing,
      Clock clock) {
    if (settings.apiKey().isBlank()) {
      throw new IllegalStateException(
          "KNOQ_AGENT_BACKEND=anthropic needs KNOQ_ANTHROPIC_API_KEY (knoq.agent.anthropic.api-key)");
    }
    this.loop =
        new AgentLoop(
            new AnthropicMessages(settings),
            new UpstreamClient("Anthropic", http, clock),
            PriceTable.of(pricing),
            agent.systemPrompt(),
            agent.maxSteps());
  }

  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnEvents events) throws InterruptedException {
    return loop.run(turn, events);
  }
}
