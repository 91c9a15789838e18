package one.knoq.operator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The operator token check: exact token only, compared as equal-length digests. */
class OperatorTokenTests {

  private static final String TOKEN = "operator-secret-0123456789";
  private final OperatorToken check = new OperatorToken(TOKEN);

  @Test
  void the_exact_bearer_token_matches_whatever_the_scheme_case() {
    assertThat(check.matches("Bearer " + TOKEN)).isTrue();
    assertThat(check.matches("bearer " + TOKEN)).isTrue();
    assertThat(check.matches("BEARER " + TOKEN + " ")).isTrue();
  }

  @Test
  void anything_else_does_not() {
    assertThat(check.matches(null)).isFalse();
    assertThat(check.matches("")).isFalse();
    assertThat(check.matches("Bearer ")).isFalse();
    assertThat(check.matches(TOKEN)).isFalse();
    assertThat(check.matches("Basic " + TOKEN)).isFalse();
    assertThat(check.matches("Bearer " + TOKEN.substring(0, TOKEN.length() - 1))).isFalse();
    assertThat(check.matches("Bearer " + TOKEN + "x")).isFalse();
    assertThat(check.matches("Bearer " + TOKEN.toUpperCase())).isFalse();
  }

  @Test
  void only_a_digest_of_the_token_is_kept_so_comparisons_run_over_equal_lengths() throws Exception {
    // what is compared is a SHA-256 digest (32 bytes) whatever was presented: MessageDigest.isEqual
    // then looks at every byte, so neither the position of a difference nor the length leaks
    Field kept = OperatorToken.class.getDeclaredField("expectedDigest");
    kept.setAccessible(true);
    assertThat((byte[]) kept.get(check)).hasSize(32).isEqualTo(OperatorToken.sha256(TOKEN));
    assertThat(OperatorToken.sha256("x")).hasSize(32);
    assertThat(OperatorToken.sha256("x".repeat(10_000))).hasSize(32);
    // no instance keeps the token itself
    assertThat(OperatorToken.class.getDeclaredFields())
        .filteredOn(f -> !Modifier.isStatic(f.getModifiers()))
        .extracting(Field::getType)
        .containsExactly(byte[].class);
  }
}
