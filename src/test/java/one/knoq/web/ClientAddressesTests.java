package one.knoq.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTests {

  @Test
  void without_trusted_proxies_the_forwarded_header_is_ignored() {
    var clients = new ClientAddresses(List.of());
    assertThat(clients.resolve("192.0.2.10", List.of("203.0.113.5").iterator())).isEqualTo("192.0.2.10");
  }

  @Test
  void behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client() {
    var clients = new ClientAddresses(List.of("10.0.0.1", "10.0.0.2"));

    assertThat(clients.resolve("10.0.0.1", List.of("203.0.113.5").iterator())).isEqualTo("203.0.113.5");
    // the client may prepend anything it likes; only hops appended by our proxies count
    assertThat(clients.resolve("10.0.0.1", List.of("198.51.100.66, 203.0.113.5, 10.0.0.2").iterator()))
        .isEqualTo("203.0.113.5");
    assertThat(clients.resolve("10.0.0.1", List.of("198.51.100.66", "203.0.113.5").iterator()))
        .isEqualTo("203.0.113.5");
  }

  @Test
  void an_untrusted_peer_is_the_client_whatever_it_forwards() {
    var clients = new ClientAddresses(List.of("10.0.0.1"));
    assertThat(clients.resolve("192.0.2.10", List.of("10.0.0.1").iterator())).isEqualTo("192.0.2.10");
  }

  @Test
  void garbage_or_missing_forwarded_hops_stop_at_the_last_verified_address() {
    var clients = new ClientAddresses(List.of("10.0.0.1"));
    assertThat(clients.resolve("10.0.0.1", List.of("not-an-address").iterator())).isEqualTo("10.0.0.1");
    assertThat(clients.resolve("10.0.0.1", List.<String>of().iterator())).isEqualTo("10.0.0.1");
  }

  @Test
  void ipv6_addresses_are_compared_in_canonical_form() {
    var clients = new ClientAddresses(List.of("::1"));
    assertThat(clients.resolve("0:0:0:0:0:0:0:1", List.of("[2001:db8::7]").iterator())).isEqualTo("2001:db8:0:0:0:0:0:7");
  }

  @Test
  void a_trusted_proxy_must_be_an_ip_address() {
    assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
