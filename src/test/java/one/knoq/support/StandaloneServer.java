package one.knoq.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import one.knoq.KnoqApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole server started and stopped by the test itself, on its own port and database: for tests
 * that restart servers, run two at once, or need settings of their own.
 */
public final class StandaloneServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;

  private StandaloneServer(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /** Starts a server; {@code properties} override the test defaults (admin, fast agent). */
  public static StandaloneServer start(String databaseUrl, Map<String, String> properties) {
    int port = freePort();
    var all = new HashMap<String, Object>();
    all.put("server.port", port);
    all.put("knoq.public-url", "http://localhost:" + port);
    all.put("knoq.identity.admin-email", ServerTest.ADMIN_EMAIL);
    all.put("knoq.identity.admin-password", ServerTest.ADMIN_PASSWORD);
    all.put("knoq.agent.embedded-latency", "20ms");
    all.put("spring.datasource.url", databaseUrl);
    all.put("spring.datasource.hikari.maximum-pool-size", "10");
    all.put("spring.datasource.hikari.minimum-idle", "1");
    all.put("spring.datasource.hikari.idle-timeout", "10000");
    if (databaseUrl.startsWith("jdbc:postgresql:")) {
      all.put("spring.datasource.username", TestPostgres.USER);
      all.put("spring.datasource.password", TestPostgres.PASSWORD);
    }
    all.putAll(properties);
    // as command-line arguments, so they win over application.yml and the environment
    String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    var context = new SpringApplicationBuilder(KnoqApplication.class).run(args);
    return new StandaloneServer(context, port);
  }

  /** An embedded database URL for {@link #start}: in a file, so it outlives one server. */
  public static String fileDatabase(java.nio.file.Path dir) {
    return "jdbc:h2:file:" + dir.resolve("knoq").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public ApiClient anonymous() {
    return new ApiClient(baseUrl());
  }

  public ApiClient admin() {
    var client = anonymous();
    client.signIn(ServerTest.ADMIN_EMAIL, ServerTest.ADMIN_PASSWORD);
    return client;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
