package one.knoq.identity.internal;

import java.nio.charset.StandardCharsets;
import one.knoq.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Password rules and the slow salted hash (bcrypt, cost 10). */
@Component
class Passwords {

  static final int MIN_LENGTH = 12;
  /** bcrypt reads only 72 bytes; refusing longer ones beats silently ignoring the tail. */
  static final int MAX_BYTES = 72;

  private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
  /** Compared against when there is no real hash, so unknown emails cost as much time as known ones. */
  private final String dummyHash = encoder.encode(Tokens.random(16));

  /** 400 naming the field unless the password meets the rules. */
  static void validate(String password) {
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw new ApiException.BadRequest("password must be at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new ApiException.BadRequest("password must be at most " + MAX_BYTES + " bytes");
    }
  }

  String hash(String password) {
    return encoder.encode(password);
  }

  /** Takes the same time whether or not there is a hash to compare with. */
  boolean matches(String password, @Nullable String hash) {
    if (hash == null) {
      encoder.matches(password, dummyHash);
      return false;
    }
    return encoder.matches(password, hash);
  }
}
