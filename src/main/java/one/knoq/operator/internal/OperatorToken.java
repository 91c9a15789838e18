package one.knoq.operator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks an {@code Authorization} header against the operator token in constant time: both sides
 * are hashed first, so the comparison neither stops at the first differing byte nor reveals the
 * token's length, and {@link MessageDigest#isEqual} compares the digests without short-circuiting.
 */
final class OperatorToken {

  private static final String SCHEME = "bearer ";

  private final byte[] expectedDigest;

  OperatorToken(String token) {
    this.expectedDigest = sha256(token);
  }

  boolean matches(@Nullable String authorization) {
    String presented = "";
    if (authorization != null
        && authorization.length() > SCHEME.length()
        && authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      presented = authorization.substring(SCHEME.length()).trim();
    }
    // compared even when no token was presented, so every refusal costs the same
    boolean equal = MessageDigest.isEqual(expectedDigest, sha256(presented));
    return equal && !presented.isEmpty();
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
