package one.knoq.agent.backend.http;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import one.knoq.agent.backend.Usage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USD per million input and output tokens per model. A model matches its exact entry or else the
 * longest entry it starts with ({@code claude-sonnet-4-5-20250929} is priced as {@code
 * claude-sonnet-4-5}); an unknown model costs 0, with one warning per model.
 */
public final class PriceTable {

  private static final Logger LOG = LoggerFactory.getLogger(PriceTable.class);

  /** List prices as published by the providers when this table was written; override when they change. */
  static final Map<String, Price> DEFAULTS =
      Map.ofEntries(
          Map.entry("claude-opus-4-5", Price.of("5", "25")),
          Map.entry("claude-opus-4-1", Price.of("15", "75")),
          Map.entry("claude-opus-4", Price.of("15", "75")),
          Map.entry("claude-sonnet-4-5", Price.of("3", "15")),
          Map.entry("claude-sonnet-4", Price.of("3", "15")),
          Map.entry("claude-3-7-sonnet", Price.of("3", "15")),
          Map.entry("claude-haiku-4-5", Price.of("1", "5")),
          Map.entry("claude-3-5-haiku", Price.of("0.80", "4")),
          Map.entry("gpt-4o", Price.of("2.50", "10")),
          Map.entry("gpt-4o-mini", Price.of("0.15", "0.60")),
          Map.entry("gpt-4.1", Price.of("2", "8")),
          Map.entry("gpt-4.1-mini", Price.of("0.40", "1.60")),
          Map.entry("gpt-4.1-nano", Price.of("0.10", "0.40")),
          Map.entry("o4-mini", Price.of("1.10", "4.40")));

  private final Map<String, Price> prices;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** The built-in table with the settings' overrides applied. */
  public static PriceTable of(PricingSettings settings) {
    var prices = new HashMap<>(DEFAULTS);
    for (String entry : settings.overrides().split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.lastIndexOf('=');
      int slash = entry.lastIndexOf('/');
      if (eq <= 0 || slash < eq) {
        throw new IllegalArgumentException(
            "knoq.agent.pricing.overrides: expected model=input/output, got '" + entry.strip() + "'");
      }
      prices.put(
          entry.substring(0, eq).strip(),
          Price.of(entry.substring(eq + 1, slash).strip(), entry.substring(slash + 1).strip()));
    }
    return new PriceTable(prices);
  }

  /** Usage of one model call, priced. */
  public Usage usage(String model, long inputTokens, long outputTokens) {
    Price price = find(model);
    if (price == null) {
      if (warned.add(model)) {
        LOG.warn(
            "No price for model '{}': its cost counts as 0 USD. Set knoq.agent.pricing.overrides "
                + "(KNOQ_MODEL_PRICES) to price it.",
            model);
      }
      return new Usage(inputTokens, outputTokens, BigDecimal.ZERO);
    }
    BigDecimal cost =
        price.inputPerMillion()
            .multiply(BigDecimal.valueOf(inputTokens))
            .add(price.outputPerMillion().multiply(BigDecimal.valueOf(outputTokens)))
            .movePointLeft(6);
    return new Usage(inputTokens, outputTokens, cost);
  }

  private @Nullable Price find(String model) {
    Price exact = prices.get(model);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String known : prices.keySet()) {
      if (model.startsWith(known) && (best == null || known.length() > best.length())) {
        best = known;
      }
    }
    return best == null ? null : prices.get(best);
  }

  /** USD per million tokens. */
  record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    static Price of(String input, String output) {
      return new Price(new BigDecimal(input), new BigDecimal(output));
    }
  }
}
