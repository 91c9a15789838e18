package one.knoq.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of contract tests: the whole server on a real port with its own fresh embedded database,
 * the public URL set to that port, and a known bootstrap admin. Subclasses talk to it only
 * through {@link ApiClient}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class ServerTest {

  public static final String ADMIN_EMAIL = "admin@example.com";
  public static final String ADMIN_PASSWORD = "correct horse battery staple";

  private static final int PORT = freePort();
  private static final String DATABASE = "knoq-" + UUID.randomUUID();

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("knoq.public-url", () -> "http://localhost:" + PORT);
    registry.add("knoq.identity.admin-email", () -> ADMIN_EMAIL);
    registry.add("knoq.identity.admin-password", () -> ADMIN_PASSWORD);
    registry.add("knoq.agent.embedded-latency", () -> "20ms");
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:"
                + DATABASE
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  protected static String baseUrl() {
    return "http://localhost:" + PORT;
  }

  /** A client signed in as the bootstrap admin. */
  protected static ApiClient admin() {
    var client = new ApiClient(baseUrl());
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
    var client = new ApiClient(baseUrl());
    client.signIn(email, password);
    return client;
  }

  protected static ApiClient anonymous() {
    return new ApiClient(baseUrl());
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
