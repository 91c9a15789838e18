package one.knoq.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import one.knoq.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-up switched on. A second server (own port, own database) because the shared one runs with
 * sign-up off; the only test class that pays for a second Spring context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"knoq.identity.allow-sign-up=true", "knoq.identity.sign-up-plan=solo"})
class SignUpEnabledTests {

  private static final int PORT = freePort();
  private static final String PASSWORD = "a long enough password";

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("knoq.public-url", () -> "http://localhost:" + PORT);
    registry.add("knoq.identity.admin-password", () -> "correct horse battery staple");
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:knoq-signup-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  private static ApiClient client() {
    return new ApiClient("http://localhost:" + PORT);
  }

  private static String body(String email, String password) {
    return ApiClient.json("email", email, "password", password, "name", "Sam Signer", "organisationName", "Sam's Org");
  }

  @Test
  void sign_up_creates_user_and_organisation_and_signs_in() {
    String email = "s-" + UUID.randomUUID() + "@example.com";
    var client = client();

    var r = client.post("/api/auth/sign-up", body(email, PASSWORD));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Set-Cookie")).startsWith("knoq_session=").contains("HttpOnly", "SameSite=Lax");
    assertThat(r.json().at("/user/email").asString()).isEqualTo(email);
    assertThat(r.json().at("/user/name").asString()).isEqualTo("Sam Signer");
    assertThat(r.json().at("/organisation/name").asString()).isEqualTo("Sam's Org");
    assertThat(r.json().at("/organisation/plan").asString()).isEqualTo("solo");
    assertThat(r.json().at("/organisation/role").asString()).isEqualTo("admin");
    assertThat(client.get("/api/auth/me").status()).isEqualTo(200);
    client().signIn(email, PASSWORD);
  }

  @Test
  void a_taken_email_is_409() {
    String email = "s-" + UUID.randomUUID() + "@example.com";
    assertThat(client().post("/api/auth/sign-up", body(email, PASSWORD)).status()).isEqualTo(201);

    var again = client().post("/api/auth/sign-up", body(email.toUpperCase(), PASSWORD));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Set-Cookie")).isNull();
  }

  @Test
  void short_passwords_and_missing_fields_are_400() {
    var shortPassword = client().post("/api/auth/sign-up", body("s-" + UUID.randomUUID() + "@example.com", "elevenchars"));
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.json().get("error").asString()).isEqualTo("password must be at least 12 characters");

    var missing = client().post("/api/auth/sign-up", ApiClient.json("email", "x@example.com", "password", PASSWORD, "name", "N"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").asString()).isEqualTo("organisationName must be a non-empty string");
  }

  @Test
  void sign_up_needs_our_origin() {
    var r = client().withOrigin("http://evil.example").post("/api/auth/sign-up", body("s-" + UUID.randomUUID() + "@example.com", PASSWORD));
    assertThat(r.status()).isEqualTo(403);
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
