package one.knoq.agent.backend.managed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code anthropic-managed} backend ({@code knoq.agent.managed.*}).
 *
 * @param apiKey the Anthropic API key, sent as {@code x-api-key}; required for this backend
 * @param baseUrl the API root without {@code /v1}
 * @param agentId the Managed Agents agent every session runs (its latest version)
 * @param environmentId the environment the sessions run in
 * @param model the agent's model, only used to price the usage the remote log reports
 * @param apiVersion the {@code anthropic-version} header
 * @param betaHeader the {@code anthropic-beta} header Managed Agents requires
 * @param pollInterval how often a running turn lists the remote events while nothing new arrived
 * @param pageSize how many remote events one list call asks for
 * @param turnTimeout the longest a turn waits for the remote session to go idle
 */
@ConfigurationProperties("knoq.agent.managed")
public record ManagedAgentsSettings(
    @DefaultValue("") String apiKey,
    @DefaultValue("https://api.anthropic.com") String baseUrl,
    @DefaultValue("") String agentId,
    @DefaultValue("") String environmentId,
    @DefaultValue("claude-sonnet-4-5") String model,
    @DefaultValue("2023-06-01") String apiVersion,
    @DefaultValue("managed-agents-2026-04-01") String betaHeader,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("100") int pageSize,
    @DefaultValue("30m") Duration turnTimeout) {}
