package one.knoq.limits.internal;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The rate limiter's tables: per-(user, kind) lock rows and the log of admitted requests. */
@Repository
class AdmissionLog {

  private final JdbcTemplate jdbc;

  AdmissionLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the (user, kind) row until the current transaction ends, creating it on first use. Every
   * node takes this lock before counting, so admissions of one user and kind are serialised.
   */
  void lock(String userId, String kind) {
    if (lockRow(userId, kind)) {
      return;
    }
    jdbc.update(
        "insert into rate_limit_locks (user_id, kind) values (?, ?) on conflict do nothing",
        userId,
        kind);
    if (!lockRow(userId, kind)) {
      throw new IllegalStateException("rate limit lock row missing for " + kind);
    }
  }

  /** Admission times after {@code after} (exclusive), oldest first. */
  List<Long> admittedAfter(String userId, String kind, long after) {
    return jdbc.queryForList(
        "select admitted_at from rate_limit_admissions"
            + " where user_id = ? and kind = ? and admitted_at > ? order by admitted_at",
        Long.class,
        userId,
        kind,
        after);
  }

  void record(String userId, String kind, long at) {
    jdbc.update(
        "insert into rate_limit_admissions (user_id, kind, admitted_at) values (?, ?, ?)",
        userId,
        kind,
        at);
  }

  /**
   * Deletes this user's admissions of this kind at or before {@code upTo}: they count in no window.
   */
  void prune(String userId, String kind, long upTo) {
    jdbc.update(
        "delete from rate_limit_admissions where user_id = ? and kind = ? and admitted_at <= ?",
        userId,
        kind,
        upTo);
  }

  private boolean lockRow(String userId, String kind) {
    return !jdbc.queryForList(
            "select kind from rate_limit_locks where user_id = ? and kind = ? for update",
            String.class,
            userId,
            kind)
        .isEmpty();
  }
}
