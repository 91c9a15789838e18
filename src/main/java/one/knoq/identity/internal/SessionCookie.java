package one.knoq.identity.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;

/** The {@code knoq_session} cookie: HttpOnly, SameSite=Lax, Secure when served over https. */
final class SessionCookie {

  static final String NAME = "knoq_session";

  private SessionCookie() {}

  static String issue(String token, boolean secure) {
    return build(token, SignInLifetime.MAX_AGE, secure);
  }

  static String clear(boolean secure) {
    return build("", Duration.ZERO, secure);
  }

  static @Nullable String read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (NAME.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private static String build(String value, Duration maxAge, boolean secure) {
    return ResponseCookie.from(NAME, value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(true)
        .sameSite("Lax")
        .secure(secure)
        .build()
        .toString();
  }
}
