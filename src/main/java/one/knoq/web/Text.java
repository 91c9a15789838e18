package one.knoq.web;

/**
 * Rules for text that clients send. JSON can carry characters that are not text at all: U+0000
 * (PostgreSQL refuses it in text columns) and unpaired UTF-16 surrogates (no UTF-8 form; they break
 * every JSON reader downstream). Both are refused at the edge; whitespace means Unicode whitespace,
 * including no-break and ideographic spaces.
 */
public final class Text {

  private Text() {}

  /** True when {@code s} has no U+0000 and no unpaired surrogate. */
  public static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  public static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /** True when {@code s} is empty or only Unicode whitespace. */
  public static boolean isBlank(String s) {
    return s.codePoints().allMatch(Text::isSpace);
  }

  /** Runs of Unicode whitespace become one space; leading and trailing whitespace is removed. */
  public static String collapseWhitespace(String s) {
    var out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** The contract's message for text that is not well-formed. */
  public static ApiException.BadRequest malformed(String field) {
    return new ApiException.BadRequest(
        field + " must not contain NUL characters or unpaired surrogates");
  }
}
