package one.knoq.agent.backend.embedded;

import java.util.Optional;
import java.util.regex.Pattern;
import one.knoq.agent.backend.tools.Calculator;

/** Finds the first arithmetic expression in a message ("What is 12*7?" gives "12*7"). */
final class ArithmeticFinder {

  private static final Pattern CANDIDATE = Pattern.compile("[-+*/%^×÷().\\d\\s]+");
  private static final Pattern HAS_OPERATION =
      Pattern.compile("[\\d)]\\s*[-+*/%^×÷]\\s*[-+(]*\\s*[\\d(.]");

  private ArithmeticFinder() {}

  static Optional<String> find(String text) {
    var matcher = CANDIDATE.matcher(text);
    while (matcher.find()) {
      String candidate = trimDanglingPunctuation(matcher.group().strip());
      if (HAS_OPERATION.matcher(candidate).find() && evaluates(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String trimDanglingPunctuation(String s) {
    String out = s;
    while (!out.isEmpty() && ".-+*/%^".indexOf(out.charAt(out.length() - 1)) >= 0) {
      out = out.substring(0, out.length() - 1).strip();
    }
    return out;
  }

  private static boolean evaluates(String candidate) {
    try {
      Calculator.evaluate(candidate);
      return true;
    } catch (ArithmeticException e) {
      return true; // e.g. division by zero: still an expression, the tool reports the error
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
