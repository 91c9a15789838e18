package one.knoq.agent.backend.anthropic;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code anthropic} backend ({@code knoq.agent.anthropic.*}).
 *
 * @param apiKey the Anthropic API key, sent as {@code x-api-key}; required for this backend
 * @param baseUrl the API root without {@code /v1}
 * @param model the model of the Messages API, e.g. {@code claude-sonnet-4-5}
 * @param maxTokens the most output tokens of one model call ({@code max_tokens}, required by the API)
 * @param apiVersion the {@code anthropic-version} header
 */
@ConfigurationProperties("knoq.agent.anthropic")
public record AnthropicSettings(
    @DefaultValue("") String apiKey,
    @DefaultValue("https://api.anthropic.com") String baseUrl,
    @DefaultValue("claude-sonnet-4-5") String model,
    @DefaultValue("4096") int maxTokens,
    @DefaultValue("2023-06-01") String apiVersion) {}
