package one.knoq.agent.internal;

import one.knoq.web.Text;

/** A session's title: the first 60 code points of its opening message, whitespace collapsed. */
final class Titles {

  static final int MAX_CODE_POINTS = 60;

  private Titles() {}

  static String of(String text) {
    String collapsed = Text.collapseWhitespace(text);
    if (collapsed.codePointCount(0, collapsed.length()) <= MAX_CODE_POINTS) {
      return collapsed;
    }
    return collapsed.substring(0, collapsed.offsetByCodePoints(0, MAX_CODE_POINTS));
  }
}
