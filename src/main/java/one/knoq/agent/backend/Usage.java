package one.knoq.agent.backend;

import java.math.BigDecimal;

/** Model usage of (part of) a turn: tokens from the provider's answer, cost from the price table. */
public record Usage(long inputTokens, long outputTokens, BigDecimal costUsd) {

  public static final Usage NONE = new Usage(0, 0, BigDecimal.ZERO);

  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        costUsd.add(other.costUsd));
  }
}
