package one.knoq.scim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import one.knoq.scim.ScimTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** One row per organisation holding the hash of its current token; replacing it is one statement pair in one transaction. */
@Repository
class JdbcScimTokens implements ScimTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final Clock clock;

  JdbcScimTokens(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  @Transactional
  public String issue(String organisationId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = "scim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    // delete + insert rather than an upsert: the same SQL on H2 and PostgreSQL
    jdbc.update("delete from scim_tokens where organisation_id = ?", organisationId);
    jdbc.update(
        "insert into scim_tokens (organisation_id, token_hash, created_at) values (?, ?, ?)",
        organisationId, hash(token), clock.millis());
    return token;
  }

  @Override
  @Transactional
  public void revoke(String organisationId) {
    jdbc.update("delete from scim_tokens where organisation_id = ?", organisationId);
  }

  /** The organisation whose current token this is; read on every request, so a replaced token fails at once on every node. */
  Optional<String> organisationOf(String token) {
    return jdbc
        .queryForList("select organisation_id from scim_tokens where token_hash = ?", String.class, hash(token))
        .stream()
        .findFirst();
  }

  static String hash(String token) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
