package one.knoq.agent.backend.http;

import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.TurnOutcome;

/**
 * A provider call that failed for good: not retryable, or retried until the budget ran out.
 *
 * @see #outcome()
 */
public class UpstreamFailure extends Exception {

  private final String errorType;
  private final boolean retryable;
  private final boolean retriesExhausted;

  public UpstreamFailure(String errorType, String message, boolean retryable, boolean retriesExhausted) {
    super(message, null, false, false);
    this.errorType = errorType;
    this.retryable = retryable;
    this.retriesExhausted = retriesExhausted;
  }

  /** {@code upstream_error} or {@code timeout}. */
  public String errorType() {
    return errorType;
  }

  public boolean retriesExhausted() {
    return retriesExhausted;
  }

  /** The turn outcome: {@code retries_exhausted} when retries ran out, else {@code end_turn}. */
  public TurnOutcome.Failed outcome() {
    return new TurnOutcome.Failed(
        errorType,
        getMessage(),
        retryable,
        retriesExhausted ? StopReason.RETRIES_EXHAUSTED : StopReason.END_TURN);
  }
}
