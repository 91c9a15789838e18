package one.knoq.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas on the test PostgreSQL server (default {@code 127.0.0.1:5432}, database {@code test}, user
 * {@code postgres}; override with KNOQ_TEST_POSTGRES_URL / _USER / _PASSWORD). A schema is created
 * by plain JDBC, so that several servers given its URL share it; schemas this JVM created are
 * dropped when it exits. An unreachable server is a test failure with a clear message, never a skip.
 */
public final class TestPostgres {

  public static final String URL = env("KNOQ_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = env("KNOQ_TEST_POSTGRES_USER", "postgres");
  public static final String PASSWORD = env("KNOQ_TEST_POSTGRES_PASSWORD", "");

  private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "knoq-test-schema-cleanup"));
  }

  private TestPostgres() {}

  /** A new empty schema and the JDBC URL that selects it. */
  public static String freshSchemaUrl() {
    return schemaUrl("knoq_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  }

  /** The schema for an embedded-database URL: the same URL always maps to the same schema. */
  public static String schemaUrlFor(String embeddedUrl) {
    return schemaUrl("knoq_t_" + sha256(embeddedUrl).substring(0, 20));
  }

  private static String schemaUrl(String schema) {
    if (CREATED.add(schema)) {
      execute("create schema if not exists " + schema);
    }
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static void dropCreated() {
    for (String schema : CREATED) {
      try {
        execute("drop schema if exists " + schema + " cascade");
      } catch (RuntimeException | AssertionError e) {
        // best effort: the JVM is exiting
      }
    }
  }

  private static void execute(String sql) {
    DriverManager.setLoginTimeout(5);
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
      connection.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(
          ("PostgreSQL is not usable at %s as %s: %s. The postgres test run needs it: start it"
                  + " (bash .ci/run does), or set KNOQ_TEST_POSTGRES_URL/_USER/_PASSWORD.")
              .formatted(URL, USER, e.getMessage()),
          e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
