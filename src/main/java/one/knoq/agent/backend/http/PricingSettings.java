package one.knoq.agent.backend.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Model prices ({@code knoq.agent.pricing.*}).
 *
 * @param overrides extra or corrected prices in USD per million tokens, comma-separated {@code
 *     model=input/output} entries, e.g. {@code gpt-4o=2.5/10,llama3.1:8b=0/0}; they replace the
 *     built-in entry of the same model
 */
@ConfigurationProperties("knoq.agent.pricing")
public record PricingSettings(@DefaultValue("") String overrides) {}
