package one.knoq.identity.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import one.knoq.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Throttles password guessing per (email, client address): after 10 failures within a rolling 15
 * minutes, further attempts for that pair are refused until the oldest failure leaves the window.
 * Failures live in the database so every node sees the same count.
 *
 * <p>Each attempt is recorded <em>before</em> the password is checked and counted with the others,
 * so parallel guesses cannot all slip past the count; a refused or successful attempt removes its
 * row again. Statements run outside any transaction so other nodes see them at once.
 */
@Component
class SignInThrottle {

  static final int MAX_FAILURES = 10;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final JdbcTemplate jdbc;

  SignInThrottle(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records an attempt and answers its id, or throws 429 with Retry-After when the pair has used its
   * allowance. The attempt counts as a failure unless {@link #succeeded} is called.
   */
  String begin(String emailLower, String client, long now) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "insert into sign_in_failures (id, email_lower, client_address, failed_at) values (?, ?, ?, ?)",
        id, emailLower, client, now);
    List<Long> others =
        jdbc.queryForList(
            "select failed_at from sign_in_failures where email_lower = ? and client_address = ? and failed_at > ? and id <> ?"
                + " order by failed_at",
            Long.class, emailLower, client, now - WINDOW.toMillis(), id);
    if (others.size() >= MAX_FAILURES) {
      jdbc.update("delete from sign_in_failures where id = ?", id);
      // the pair may try again once enough failures have left the window to leave one allowance
      long reopensAt = others.get(others.size() - MAX_FAILURES) + WINDOW.toMillis();
      long seconds = Math.max(1, (reopensAt - now + 999) / 1000);
      throw new ApiException.TooManyRequests(
          "too many failed sign-in attempts; try again later", seconds);
    }
    return id;
  }

  /**
   * A correct password removes only its own attempt: earlier failures stay in the window (spec 2),
   * so someone guessing beside the real user gets no fresh allowance when that user signs in.
   */
  void succeeded(String attemptId) {
    jdbc.update("delete from sign_in_failures where id = ?", attemptId);
  }

  /** Keeps the failure and drops everyone's failures that have left the window. */
  void failed(long now) {
    jdbc.update("delete from sign_in_failures where failed_at <= ?", now - WINDOW.toMillis());
  }
}
