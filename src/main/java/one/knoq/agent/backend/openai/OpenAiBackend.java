package one.knoq.agent.backend.openai;

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

/** Our own agent loop over an OpenAI-compatible Chat Completions server, with the built-in tools. */
@Component
@ConditionalOnProperty(name = "knoq.agent.backend", havingValue = "openai")
class OpenAiBackend implements AgentBackend {

  private final AgentLoop loop;

  OpenAiBackend(
      AgentSettings agent,
      OpenAiSettings settings,
      HttpSettings http,
      PricingSettings pricing,
      Clock clock) {
    this.loop =
        new AgentLoop(
            new ChatCompletions(settings),
            new UpstreamClient("OpenAI-compatible server", http, clock),
            PriceTable.of(pricing),
            agent.systemPrompt(),
            agent.maxSteps());
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnEvents events) throws InterruptedException {
    return loop.run(turn, events);
  }
}
