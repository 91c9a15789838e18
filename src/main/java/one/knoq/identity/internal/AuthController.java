package one.knoq.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import one.knoq.identity.Principal;
import one.knoq.web.ClientAddresses;
import one.knoq.web.JsonFields;
import one.knoq.web.WebSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Sign-in, sign-out, who am I, and switching the active organisation. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

  private final SignIns signIns;
  private final ClientAddresses clients;
  private final boolean secureCookies;

  AuthController(SignIns signIns, WebSettings web) {
    this.signIns = signIns;
    this.clients = new ClientAddresses(web);
    this.secureCookies = web.secure();
  }

  @PostMapping("/sign-in")
  ResponseEntity<SignInAnswer> signIn(@RequestBody JsonNode body, HttpServletRequest request) {
    String email = JsonFields.requiredText(body, "email");
    String password = JsonFields.requiredText(body, "password");
    SignIns.Issued issued = signIns.signIn(email, password, clients.of(request));
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(issued.token(), secureCookies))
        .body(issued.answer());
  }

  @PostMapping("/sign-out")
  ResponseEntity<Map<String, Object>> signOut(Principal principal) {
    signIns.signOut(principal);
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, SessionCookie.clear(secureCookies))
        .body(Map.of("ok", true));
  }

  @GetMapping("/me")
  SignInAnswer me(Principal principal) {
    return signIns.answer(principal);
  }

  @PostMapping("/organisation")
  SignInAnswer switchOrganisation(Principal principal, @RequestBody JsonNode body) {
    return signIns.switchOrganisation(principal, JsonFields.requiredText(body, "organisationId"));
  }
}
