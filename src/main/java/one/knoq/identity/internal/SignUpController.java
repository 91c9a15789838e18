package one.knoq.identity.internal;

import one.knoq.web.ApiException;
import one.knoq.web.JsonFields;
import one.knoq.web.WebSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Self-service sign-up. Exists only when the operator allows it: otherwise the route is simply
 * absent (404), whatever the body.
 */
@RestController
@ConditionalOnProperty(name = "knoq.identity.allow-sign-up", havingValue = "true")
class SignUpController {

  static final int MAX_EMAIL = 320;
  static final int MAX_NAME = 200;

  private final SignUps signUps;
  private final boolean secureCookies;

  SignUpController(SignUps signUps, WebSettings web) {
    this.signUps = signUps;
    this.secureCookies = web.secure();
  }

  @PostMapping("/api/auth/sign-up")
  ResponseEntity<SignInAnswer> signUp(@RequestBody JsonNode body) {
    String email = email(body);
    String password = JsonFields.requiredText(body, "password");
    String name = text(body, "name", MAX_NAME);
    String organisationName = text(body, "organisationName", MAX_NAME);
    Passwords.validate(password);
    SignIns.Issued issued = signUps.signUp(email, password, name, organisationName);
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(issued.token(), secureCookies))
        .body(issued.answer());
  }

  /** A plausible address: one {@code @} with something on both sides, no spaces, not too long. */
  static String email(JsonNode body) {
    String email = text(body, "email", MAX_EMAIL);
    int at = email.indexOf('@');
    if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
      throw new ApiException.BadRequest("email must be an email address");
    }
    return email;
  }

  static String text(JsonNode body, String field, int maxLength) {
    String value = JsonFields.requiredText(body, field).trim();
    if (value.length() > maxLength) {
      throw new ApiException.BadRequest(field + " must be at most " + maxLength + " characters");
    }
    return value;
  }
}
