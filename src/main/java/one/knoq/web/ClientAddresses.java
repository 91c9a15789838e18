package one.knoq.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is on the other end of a request: the peer address, or, when the peer is a configured trusted
 * proxy, the nearest untrusted address in its {@code X-Forwarded-For}. Without trusted proxies the
 * header is ignored, so a client cannot choose its own address (e.g. to dodge a throttle).
 */
public final class ClientAddresses {

  private final Set<String> trustedProxies = new HashSet<>();

  public ClientAddresses(List<String> trustedProxies) {
    for (String proxy : trustedProxies) {
      String canonical = canonical(proxy);
      if (canonical == null) {
        throw new IllegalArgumentException("not an IP address in knoq.trusted-proxies: " + proxy);
      }
      this.trustedProxies.add(canonical);
    }
  }

  public ClientAddresses(WebSettings settings) {
    this(settings.trustedProxies());
  }

  public String of(HttpServletRequest request) {
    return resolve(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For").asIterator());
  }

  /** The client for a peer and the X-Forwarded-For header lines it sent, in order. */
  public String resolve(String peer, Iterator<String> forwardedForLines) {
    String client = canonicalOrRaw(peer);
    if (!trustedProxies.contains(client)) {
      return client;
    }
    var hops = new ArrayList<String>();
    forwardedForLines.forEachRemaining(
        line -> {
          for (String hop : line.split(",")) {
            if (!hop.isBlank()) {
              hops.add(hop.trim());
            }
          }
        });
    // walk from the nearest hop outwards; the first address we do not trust is the client
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = canonical(hops.get(i));
      if (hop == null) {
        return client; // garbage from an untrusted hop: stop at the last address we could verify
      }
      client = hop;
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return client;
  }

  private static String canonicalOrRaw(String address) {
    String canonical = canonical(address);
    return canonical == null ? address : canonical;
  }

  /** The canonical text of an IP literal, or null when it is not one (never a DNS lookup). */
  private static @Nullable String canonical(String address) {
    String a = address.trim();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.isEmpty() || !(a.indexOf(':') >= 0 || a.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
      return null;
    }
    try {
      return InetAddress.getByName(a).getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
