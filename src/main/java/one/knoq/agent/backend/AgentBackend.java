package one.knoq.agent.backend;

import org.jspecify.annotations.Nullable;

/**
 * One way of answering turns (embedded, anthropic, openai, anthropic-managed). Exactly one is active
 * per deployment. Only the workflow runner calls {@link #runTurn}; {@link #openSession} is the one
 * synchronous call, made while a session is being created.
 */
public interface AgentBackend {

  /** The configuration name of this backend, e.g. {@code embedded}. */
  String name();

  /**
   * Opens the backend's own session for a new Knoq session, if the backend has such a thing.
   *
   * @return the remote session id to remember, or {@code null} when the backend keeps no remote state
   * @throws BackendUnavailable when the backend cannot be reached (the create then answers 502 and
   *     nothing is persisted)
   */
  default @Nullable String openSession(String sessionId, String title) {
    return null;
  }

  /**
   * Answers one turn: appends the turn's events (agent messages, tool use and results, errors) via
   * {@code events} and returns how the turn ended. The runner appends the closing {@code
   * status_idle} itself from the outcome. Must return promptly (within 2 s) once {@code
   * turn.cancellation()} is cancelled, aborting any upstream call; usage reported through {@link
   * TurnEvents#addUsage} before that still counts.
   */
  TurnOutcome runTurn(Turn turn, TurnEvents events) throws InterruptedException;

  /**
   * Imports the remote session's history into our log, idempotently (by remote event id), page by
   * page from {@code resumeFrom} (null: the beginning). Used to finish an import a failed turn left
   * incomplete; backends without a remote log have nothing to import.
   */
  default BackfillResult importHistory(
      String remoteSessionId, @Nullable String resumeFrom, TurnEvents sink)
      throws InterruptedException {
    return BackfillResult.COMPLETE;
  }

  /** Tells the backend's own session to stop (e.g. interrupt a remote session). Best effort. */
  default void cancelRemote(@Nullable String remoteSessionId) {}
}
