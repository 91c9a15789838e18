package one.knoq.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedOriginsTests {

  @Test
  void default_ports_are_normalised_and_hosts_compared_case_insensitively() {
    var origins = new TrustedOrigins(URI.create("http://localhost:80"), List.of());

    assertThat(origins.allows("http://localhost")).isTrue();
    assertThat(origins.allows("http://localhost:80")).isTrue();
    assertThat(origins.allows("http://LocalHost")).isTrue();
    assertThat(origins.allows("HTTP://localhost")).isTrue();
    assertThat(origins.allows("http://localhost:8080")).isFalse();
    assertThat(origins.allows("https://localhost")).isFalse();
    assertThat(origins.allows("https://localhost:80")).isFalse();
  }

  @Test
  void the_public_url_path_is_ignored_but_an_origin_header_with_a_path_is_refused() {
    var origins = new TrustedOrigins(URI.create("https://Knoq.Example.com/app/"), List.of());

    assertThat(origins.allows("https://knoq.example.com")).isTrue();
    assertThat(origins.allows("https://knoq.example.com:443")).isTrue();
    assertThat(origins.allows("https://knoq.example.com:8443")).isFalse();
    assertThat(origins.allows("http://knoq.example.com")).isFalse();
    assertThat(origins.allows("https://knoq.example.com/app")).isFalse();
    assertThat(origins.allows("https://knoq.example.com.evil.example")).isFalse();
    assertThat(origins.allows("https://user@knoq.example.com")).isFalse();
  }

  @Test
  void missing_null_and_garbage_origins_are_refused() {
    var origins = new TrustedOrigins(URI.create("http://localhost:8080"), List.of());

    assertThat(origins.allows(null)).isFalse();
    assertThat(origins.allows("null")).isFalse();
    assertThat(origins.allows("")).isFalse();
    assertThat(origins.allows("localhost:8080")).isFalse();
    assertThat(origins.allows("file://localhost")).isFalse();
    assertThat(origins.allows("http://local host:8080")).isFalse();
  }

  @Test
  void explicitly_trusted_origins_are_accepted_too() {
    var origins =
        new TrustedOrigins(URI.create("http://localhost:8080"), List.of("https://app.example.org", "http://10.0.0.5:3000"));

    assertThat(origins.allows("https://app.example.org")).isTrue();
    assertThat(origins.allows("https://APP.example.org:443")).isTrue();
    assertThat(origins.allows("http://10.0.0.5:3000")).isTrue();
    assertThat(origins.allows("http://10.0.0.5")).isFalse();
  }

  @Test
  void a_configured_origin_that_is_not_http_fails_at_start() {
    assertThatThrownBy(() -> new TrustedOrigins(URI.create("http://localhost"), List.of("app.example.org")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app.example.org");
  }
}
