package one.knoq.agent.backend.tools;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates arithmetic: + - * / % ^, parentheses, unary minus, decimals. Exact decimal arithmetic
 * (so 0.1+0.2 is 0.3) with 34 significant digits for division; a recursive-descent parser because
 * the grammar is tiny and must not execute anything but arithmetic.
 */
public final class Calculator implements Tool {

  public static final String NAME = "calculator";
  private static final MathContext PRECISION = MathContext.DECIMAL128;
  private static final JsonNode SCHEMA =
      JsonMapper.builder()
          .build()
          .readTree(
              """
              {"type":"object","properties":{"expression":{"type":"string",
               "description":"an arithmetic expression, e.g. (12+3)*7/2"}},"required":["expression"]}
              """);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Evaluates an arithmetic expression with + - * / % ^ and parentheses, exactly.";
  }

  @Override
  public JsonNode inputSchema() {
    return SCHEMA;
  }

  @Override
  public ToolResult run(JsonNode input) {
    String expression = input.path("expression").asString("");
    try {
      return new ToolResult(format(evaluate(expression)), false);
    } catch (ArithmeticException | IllegalArgumentException e) {
      return new ToolResult("cannot evaluate \"" + expression + "\": " + e.getMessage(), true);
    }
  }

  /** Renders a result without exponent notation or trailing zeros. */
  public static String format(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0, RoundingMode.UNNECESSARY);
    }
    return stripped.toPlainString();
  }

  public static BigDecimal evaluate(String expression) {
    var parser = new Parser(expression);
    BigDecimal value = parser.sum();
    parser.skipSpaces();
    if (parser.pos < expression.length()) {
      throw new IllegalArgumentException("unexpected '" + expression.charAt(parser.pos) + "'");
    }
    return value;
  }

  private static final class Parser {
    private final String s;
    private int pos;
    private int depth;

    Parser(String s) {
      this.s = s;
    }

    BigDecimal sum() {
      BigDecimal value = product();
      while (true) {
        if (eat('+')) {
          value = value.add(product(), PRECISION);
        } else if (eat('-')) {
          value = value.subtract(product(), PRECISION);
        } else {
          return value;
        }
      }
    }

    BigDecimal product() {
      BigDecimal value = power();
      while (true) {
        if (eat('*') || eat('×')) {
          value = value.multiply(power(), PRECISION);
        } else if (eat('/') || eat('÷')) {
          BigDecimal divisor = power();
          if (divisor.signum() == 0) {
            throw new ArithmeticException("division by zero");
          }
          value = value.divide(divisor, PRECISION);
        } else if (eat('%')) {
          BigDecimal divisor = power();
          if (divisor.signum() == 0) {
            throw new ArithmeticException("division by zero");
          }
          value = value.remainder(divisor, PRECISION);
        } else {
          return value;
        }
      }
    }

    BigDecimal power() {
      BigDecimal base = unary();
      if (eat('^')) {
        BigDecimal exponent = power(); // right-associative
        if (exponent.stripTrailingZeros().scale() > 0 || exponent.abs().compareTo(BigDecimal.valueOf(999)) > 0) {
          throw new ArithmeticException("exponents must be whole numbers up to 999");
        }
        int n = exponent.intValueExact();
        return n >= 0 ? base.pow(n, PRECISION) : BigDecimal.ONE.divide(base.pow(-n, PRECISION), PRECISION);
      }
      return base;
    }

    BigDecimal unary() {
      if (eat('-')) {
        return unary().negate();
      }
      if (eat('+')) {
        return unary();
      }
      return atom();
    }

    BigDecimal atom() {
      if (eat('(')) {
        if (++depth > 100) {
          throw new IllegalArgumentException("too deeply nested");
        }
        BigDecimal value = sum();
        depth--;
        if (!eat(')')) {
          throw new IllegalArgumentException("missing ')'");
        }
        return value;
      }
      skipSpaces();
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException(
            pos < s.length() ? "unexpected '" + s.charAt(pos) + "'" : "unexpected end of expression");
      }
      try {
        return new BigDecimal(s.substring(start, pos));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number '" + s.substring(start, pos) + "'");
      }
    }

    boolean eat(char c) {
      skipSpaces();
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
