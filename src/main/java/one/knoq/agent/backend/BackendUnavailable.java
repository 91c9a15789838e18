package one.knoq.agent.backend;

/** The backend could not be reached for a synchronous call; the API answers 502. */
public class BackendUnavailable extends RuntimeException {

  public BackendUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  public BackendUnavailable(String message) {
    super(message);
  }
}
