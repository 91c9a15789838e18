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
    @DefaultValue("250ms") Duration cancelPollInterval) {}
