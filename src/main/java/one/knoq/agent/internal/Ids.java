package one.knoq.agent.internal;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import one.knoq.web.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * Identifier rules. Session ids are random UUIDs. Event ids carry their log position (so a cursor
 * is one indexed range read) plus random characters (so they are not guessable); clients treat them
 * as opaque. Run ids are random.
 */
final class Ids {

  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String newSessionId() {
    return UUID.randomUUID().toString();
  }

  static String newRunId() {
    return "run_" + random(22);
  }

  static String newEventId(long seq) {
    return Long.toString(seq, 36) + "_" + random(12);
  }

  /** The log position an event id claims, or -1 when it is not of our form. */
  static long seqOf(String eventId) {
    int cut = eventId.indexOf('_');
    if (cut <= 0 || cut > 13) {
      return -1;
    }
    try {
      return Long.parseLong(eventId.substring(0, cut), 36);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Validates a client-supplied session id: missing is 400 required, non-UUID is 400 malformed. */
  static String sessionId(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      throw new ApiException.BadRequest("sessionId is required");
    }
    if (!UUID_FORM.matcher(raw).matches()) {
      throw new ApiException.BadRequest("sessionId is malformed");
    }
    return raw.toLowerCase(Locale.ROOT);
  }

  private static String random(int length) {
    var chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(chars);
  }
}
