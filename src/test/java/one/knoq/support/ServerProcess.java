package one.knoq.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole server in its own JVM, started from the test classpath, for tests that kill a node for
 * real ({@link #kill()} is SIGKILL). Its output goes to {@code target/server-logs/<name>.log}.
 */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a server on {@code databaseUrl} and waits until it is ready; properties as --args. */
  public static ServerProcess start(String name, String databaseUrl, Map<String, String> properties) {
    int port = freePort();
    var all = new HashMap<String, String>();
    all.put("server.port", Integer.toString(port));
    all.put("knoq.public-url", "http://localhost:" + port);
    all.put("knoq.identity.admin-email", ServerTest.ADMIN_EMAIL);
    all.put("knoq.identity.admin-password", ServerTest.ADMIN_PASSWORD);
    all.put("knoq.agent.embedded-latency", "20ms");
    all.put("spring.datasource.url", databaseUrl);
    if (databaseUrl.startsWith("jdbc:postgresql:")) {
      all.put("spring.datasource.username", TestPostgres.USER);
      all.put("spring.datasource.password", TestPostgres.PASSWORD);
    }
    all.putAll(properties);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("one.knoq.KnoqApplication");
    all.forEach((k, v) -> command.add("--" + k + "=" + v));
    try {
      Path dir = Files.createDirectories(Path.of("target", "server-logs"));
      Path log = dir.resolve(name + "-" + port + ".log");
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      var server = new ServerProcess(process, port, log);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() {
    var client = anonymous();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .failFast("server process exited; see " + log, () -> !process.isAlive())
        .until(() -> client.get("/actuator/health/readiness").status() == 200);
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

  /** Value of a metric in the Prometheus scrape (the first sample of that name), or NaN. */
  public double metric(String name) {
    for (String line : anonymous().get("/actuator/prometheus").body().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  /** SIGKILL: no shutdown hook, no drain, the way a crashed machine stops. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
