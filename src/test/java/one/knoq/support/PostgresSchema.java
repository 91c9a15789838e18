package one.knoq.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh schema per test run on the real PostgreSQL (default {@code 127.0.0.1:5432}, database
 * {@code test}, user {@code postgres}; override with KNOQ_TEST_POSTGRES_URL / _USER / _PASSWORD).
 * Fails — never skips — when the server cannot be reached; drops the schema afterwards.
 */
public final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {

  public static final String URL = env("KNOQ_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = env("KNOQ_TEST_POSTGRES_USER", "postgres");
  public static final String PASSWORD = env("KNOQ_TEST_POSTGRES_PASSWORD", "");
  public static final String NAME =
      "knoq_module_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

  private boolean created;

  @Override
  public void beforeAll(ExtensionContext context) {
    execute("create schema if not exists " + NAME);
    created = true;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (created) {
      execute("drop schema if exists " + NAME + " cascade");
    }
  }

  public static void register(DynamicPropertyRegistry registry) {
    String separator = URL.contains("?") ? "&" : "?";
    registry.add("spring.datasource.url", () -> URL + separator + "currentSchema=" + NAME);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
    registry.add("spring.flyway.schemas", () -> NAME);
    registry.add("spring.flyway.default-schema", () -> NAME);
  }

  private static void execute(String sql) {
    try (Connection connection = connect()) {
      connection.createStatement().execute(sql);
    } catch (SQLException e) {
      String hint = "start it, set KNOQ_TEST_POSTGRES_URL/_USER/_PASSWORD, or exclude tag 'postgres'";
      fail("PostgreSQL is not usable at %s as %s (%s): %s".formatted(URL, USER, hint, e), e);
    }
  }

  private static Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(5);
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
