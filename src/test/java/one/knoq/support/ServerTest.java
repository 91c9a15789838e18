package one.knoq.support;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of contract tests: the whole server on a random real port with its own fresh embedded
 * database and a known bootstrap admin. Its public URL is {@link #PUBLIC_ORIGIN} whatever the port,
 * and {@link ApiClient} sends that origin, so classes that need other settings (their own Spring
 * context, via {@code @TestPropertySource}) never compete for a port. Subclasses talk to the server
 * only through {@link ApiClient}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "knoq.public-url=" + ServerTest.PUBLIC_ORIGIN,
      "knoq.identity.admin-email=" + ServerTest.ADMIN_EMAIL,
      "knoq.identity.admin-password=" + ServerTest.ADMIN_PASSWORD,
      "knoq.agent.embedded-latency=20ms",
      // many test servers share one PostgreSQL in the postgres run: keep each one's pool small
      "spring.datasource.hikari.maximum-pool-size=10",
      "spring.datasource.hikari.minimum-idle=1",
      "spring.datasource.hikari.idle-timeout=10000",
      "spring.datasource.url=jdbc:h2:mem:knoq-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
    })
public abstract class ServerTest {

  public static final String PUBLIC_ORIGIN = "http://localhost";
  public static final String ADMIN_EMAIL = "admin@example.com";
  public static final String ADMIN_PASSWORD = "correct horse battery staple";

  private static volatile int port;

  @LocalServerPort private int localPort;

  @BeforeEach
  void rememberPort() {
    port = localPort;
  }

  protected static String baseUrl() {
    return "http://localhost:" + port;
  }

  /** A client signed in as the bootstrap admin. */
  protected static ApiClient admin() {
    var client = anonymous();
    client.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    return client;
  }

  /**
   * A new member of the bootstrap organisation, signed in. Tests share one server, so each test
   * that counts anything per user (rate limits, sessions) takes its own user.
   */
  protected static ApiClient newMember() {
    return newUser("member");
  }

  protected static ApiClient newUser(String role) {
    String email = "user-" + UUID.randomUUID() + "@example.com";
    String password = "a long enough password";
    var created =
        admin()
            .post(
                "/api/admin/members",
                ApiClient.json("email", email, "name", "Test User", "password", password, "role", role));
    if (created.status() != 201) {
      throw new AssertionError("could not add member: " + created);
    }
    var client = anonymous();
    client.signIn(email, password);
    return client;
  }

  /** A client with no cookie that sends the server's public origin. */
  protected static ApiClient anonymous() {
    return new ApiClient(baseUrl()).withOrigin(PUBLIC_ORIGIN);
  }
}
