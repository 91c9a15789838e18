package one.knoq.web;

import java.util.Map;

/**
 * A failure that the API answers with a status and an {@code {"error": ...}} body. Every module throws
 * one of these subtypes; {@link ApiErrorHandler} maps them to HTTP in one place.
 */
public sealed class ApiException extends RuntimeException
    permits ApiException.BadRequest,
        ApiException.Unauthenticated,
        ApiException.Forbidden,
        ApiException.NotFound,
        ApiException.MethodNotAllowed,
        ApiException.Conflict,
        ApiException.PayloadTooLarge,
        ApiException.UnsupportedMediaType,
        ApiException.TooManyRequests,
        ApiException.UpstreamFailed,
        ApiException.Unavailable {

  private final int status;

  private ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Seconds for the {@code Retry-After} header, or 0 when none is sent. */
  public long retryAfterSeconds() {
    return 0;
  }

  /** Fields added to the error body beside {@code error}. */
  public Map<String, Object> extras() {
    return Map.of();
  }

  public static final class BadRequest extends ApiException {
    public BadRequest(String message) {
      super(400, message);
    }
  }

  public static final class Unauthenticated extends ApiException {
    public Unauthenticated(String message) {
      super(401, message);
    }
  }

  public static final class Forbidden extends ApiException {
    public Forbidden(String message) {
      super(403, message);
    }
  }

  public static final class NotFound extends ApiException {
    public NotFound(String message) {
      super(404, message);
    }
  }

  public static final class MethodNotAllowed extends ApiException {
    public MethodNotAllowed(String message) {
      super(405, message);
    }
  }

  public static final class Conflict extends ApiException {
    public Conflict(String message) {
      super(409, message);
    }
  }

  public static final class PayloadTooLarge extends ApiException {
    public PayloadTooLarge(String message) {
      super(413, message);
    }
  }

  public static final class UnsupportedMediaType extends ApiException {
    public UnsupportedMediaType(String message) {
      super(415, message);
    }
  }

  /** 429: a rate limit, a quota or a cost cap; always carries a Retry-After of at least 1 s. */
  public static final class TooManyRequests extends ApiException {
    private final long retryAfterSeconds;
    private final Map<String, Object> extras;

    public TooManyRequests(String message, long retryAfterSeconds) {
      this(message, retryAfterSeconds, Map.of());
    }

    public TooManyRequests(String message, long retryAfterSeconds, Map<String, Object> extras) {
      super(429, message);
      this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
      this.extras = Map.copyOf(extras);
    }

    @Override
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    @Override
    public Map<String, Object> extras() {
      return extras;
    }
  }

  public static final class UpstreamFailed extends ApiException {
    public UpstreamFailed(String message) {
      super(502, message);
    }
  }

  /** 503: database unreachable, draining or overloaded. */
  public static final class Unavailable extends ApiException {
    private final long retryAfterSeconds;

    public Unavailable(String message, long retryAfterSeconds) {
      super(503, message);
      this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
