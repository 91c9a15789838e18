package one.knoq.agent.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent module ({@code knoq.agent.*}).
 *
 * @param backend which agent backend answers turns: embedded, anthropic, openai, anthropic-managed
 * @param embeddedLatency the embedded agent's simulated time per step
 * @param systemPrompt the system prompt of our own agent loop (anthropic, openai)
 * @param maxSteps the most model calls one turn may make before it ends with max_steps
 * @param cancelPollInterval how often a node checks whether its running turns were cancelled elsewhere
 */
@ConfigurationProperties("knoq.agent")
public record AgentSettings(
    @DefaultValue("embedded") String backend,
    @DefaultValue("300ms") Duration embeddedLatency,
    @DefaultValue("You are Knoq, a helpful assistant. Use the calculator tool for arithmetic.")
        String systemPrompt,
    @DefaultValue("8") int maxSteps,
    @DefaultValue("250ms") Duration cancelPollInterval) {

  static final java.util.List<String> BACKENDS =
      java.util.List.of("embedded", "anthropic", "openai", "anthropic-managed");

  public AgentSettings {
    if (!BACKENDS.contains(backend)) {
      throw new IllegalArgumentException(
          "KNOQ_AGENT_BACKEND is \"" + backend + "\"; it must be one of " + BACKENDS);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("knoq.agent.max-steps must be at least 1");
    }
  }
}
