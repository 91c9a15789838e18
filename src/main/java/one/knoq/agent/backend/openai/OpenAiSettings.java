package one.knoq.agent.backend.openai;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code openai} backend ({@code knoq.agent.openai.*}), for any OpenAI-compatible Chat
 * Completions server.
 *
 * @param apiKey sent as {@code Authorization: Bearer}; empty for servers without keys (Ollama,
 *     llama.cpp), and then no Authorization header is sent
 * @param baseUrl the API root including {@code /v1}; {@code /chat/completions} is appended
 * @param model the model name the server knows, e.g. {@code gpt-4o-mini} or {@code llama3.1}
 * @param maxTokens the most output tokens of one model call, sent as {@code max_tokens}; 0 sends
 *     none and leaves the server's default
 */
@ConfigurationProperties("knoq.agent.openai")
public record OpenAiSettings(
    @DefaultValue("") String apiKey,
    @DefaultValue("https://api.openai.com/v1") String baseUrl,
    @DefaultValue("gpt-4o-mini") String model,
    @DefaultValue("0") int maxTokens) {}
