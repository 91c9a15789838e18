package one.knoq.agent.backend;

/** How a backend's turn ended; the runner turns it into the closing event(s). */
public sealed interface TurnOutcome {

  /** The turn ended normally: the runner appends {@code status_idle} with this stop reason. */
  record Completed(StopReason stopReason) implements TurnOutcome {}

  /**
   * The turn failed: the runner appends an {@code error} event ({@code type} e.g. {@code
   * upstream_error}, {@code timeout}, {@code internal_error}) and then {@code status_idle} with
   * {@code stopReason} ({@code retries_exhausted} where retries ran out).
   */
  record Failed(String errorType, String message, boolean retryable, StopReason stopReason)
      implements TurnOutcome {}

  /**
   * The backend's session ended for good (e.g. a remote session terminated): the runner appends
   * {@code status_terminated} with {@code reason} ({@code failed}) and the session accepts no more
   * messages.
   */
  record Terminated(String reason) implements TurnOutcome {}
}
