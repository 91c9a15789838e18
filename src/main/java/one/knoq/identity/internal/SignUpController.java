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

  static final int MAX_NAME = 200;

  private final SignUps signUps;
  private final boolean secureCookies;

  SignUpController(SignUps signUps, WebSettings web) {
    this.signUps = signUps;
    this.secureCookies = web.secure();
  }

  @PostMapping("/api/auth/sign-up")
  ResponseEntity<SignInAnswer> signUp(@RequestBody JsonNode body) {
    String email = JsonFields.requiredEmail(body, "email");
    String password = JsonFields.requiredText(body, "password");
    String name = JsonFields.requiredText(body, "name", MAX_NAME);
    String organisationName = JsonFields.requiredText(body, "organisationName", MAX_NAME);
    Passwords.validate(password);
    SignIns.Issued issued = signUps.signUp(email, password, name, organisationName);
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(issued.token(), secureCookies))
        .body(issued.answer());
  }
}
