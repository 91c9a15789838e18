package one.knoq.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Global user identities; emails are unique case-insensitively. */
@Repository
class UserRepository {

  /** A user with its credential, only ever seen inside this module. */
  record User(String id, String email, String name, @Nullable String passwordHash) {}

  private final JdbcTemplate jdbc;

  UserRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static String lower(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /** Inserts a user; a taken email surfaces as Spring's {@code DuplicateKeyException}. */
  String insert(String email, String name, @Nullable String passwordHash, long now) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "insert into users (id, email, email_lower, name, password_hash, created_at) values (?, ?, ?, ?, ?, ?)",
        id, email.trim(), lower(email), name, passwordHash, now);
    return id;
  }

  boolean emailTaken(String email) {
    return !jdbc.queryForList("select id from users where email_lower = ?", String.class, lower(email)).isEmpty();
  }

  Optional<User> findByEmail(String email) {
    return jdbc
        .query(
            "select id, email, name, password_hash from users where email_lower = ?",
            (rs, i) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
            lower(email))
        .stream()
        .findFirst();
  }

  Optional<User> findById(String id) {
    return jdbc
        .query(
            "select id, email, name, password_hash from users where id = ?",
            (rs, i) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
            id)
        .stream()
        .findFirst();
  }
}
