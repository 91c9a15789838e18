package one.knoq.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTests {

  @Test
  void nul_and_unpaired_surrogates_are_not_well_formed() {
    assertThat(Text.isWellFormed("plain 😀 text")).isTrue();
    assertThat(Text.isWellFormed("a\u0000b")).isFalse();
    assertThat(Text.isWellFormed("\ud800")).isFalse();
    assertThat(Text.isWellFormed("x\udc00y")).isFalse();
    assertThat(Text.isWellFormed("\ud83d\ude00")).isTrue();
  }

  @Test
  void unicode_whitespace_counts_as_blank_and_collapses() {
    assertThat(Text.isBlank("\u00a0\u3000 \t\n")).isTrue();
    assertThat(Text.isBlank(" x ")).isFalse();
    assertThat(Text.collapseWhitespace("  a\u00a0\u00a0b\n\tc\u3000")).isEqualTo("a b c");
  }
}
