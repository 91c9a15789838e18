package one.knoq.identity.internal;

import java.util.Optional;
import java.util.UUID;
import one.knoq.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sign-ins (server side of the session cookie), keyed by the token's hash. */
@Repository
class SignInRepository {

  /** A sign-in joined with its user and the user's current role in the active organisation. */
  record Live(
      String id, String userId, String email, String organisationId, Role role, long lastUsedAt, long expiresAt) {}

  private final JdbcTemplate jdbc;

  SignInRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  String insert(String tokenHash, String userId, String organisationId, long now) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "insert into sign_ins (id, token_hash, user_id, organisation_id, created_at, last_used_at, expires_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        id, tokenHash, userId, organisationId, now, now, SignInLifetime.expiresAt(now));
    return id;
  }

  /**
   * One indexed lookup per request. The join with memberships reads the role fresh, and finds
   * nothing once the membership is gone, so a removal takes effect on every node at once.
   */
  Optional<Live> findByTokenHash(String tokenHash) {
    return jdbc
        .query(
            "select s.id, s.user_id, u.email, s.organisation_id, m.role, s.last_used_at, s.expires_at"
                + " from sign_ins s"
                + " join users u on u.id = s.user_id"
                + " join memberships m on m.organisation_id = s.organisation_id and m.user_id = s.user_id"
                + " where s.token_hash = ?",
            (rs, i) ->
                new Live(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    MembershipRepository.role(rs.getString(5)),
                    rs.getLong(6),
                    rs.getLong(7)),
            tokenHash)
        .stream()
        .findFirst();
  }

  void touch(String id, long now) {
    jdbc.update("update sign_ins set last_used_at = ? where id = ? and last_used_at < ?", now, id, now);
  }

  void switchOrganisation(String id, String organisationId) {
    jdbc.update("update sign_ins set organisation_id = ? where id = ?", organisationId, id);
  }

  void delete(String id) {
    jdbc.update("delete from sign_ins where id = ?", id);
  }

  void deleteActiveIn(String userId, String organisationId) {
    jdbc.update("delete from sign_ins where user_id = ? and organisation_id = ?", userId, organisationId);
  }

  /** Housekeeping at sign-in: the user's dead sign-ins go, so the table does not grow forever. */
  void deleteExpired(String userId, long now) {
    jdbc.update(
        "delete from sign_ins where user_id = ? and (expires_at <= ? or last_used_at <= ?)",
        userId, now, SignInLifetime.idleCutoff(now));
  }
}
