package one.knoq.agent.internal;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import one.knoq.support.StandaloneServer;
import one.knoq.support.TcpProxy;
import one.knoq.support.TestPostgres;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A node that shuts down answers 503 + Retry-After while it drains and hands its turn over at once
 * (not after the lease); a node whose database goes away answers 503 + Retry-After and recovers by
 * itself when it comes back.
 */
@Tag("postgres")
class ShutdownAndOutageTests {

  private static final String PUBLIC_URL = "http://knoq.example";

  @Test
  void a_stopping_node_answers_503_and_hands_its_turn_over_at_once() {
    String database = TestPostgres.freshSchemaUrl();
    // a long lease (20 s) proves the hand-over does not wait for it
    Map<String, String> settings =
        Map.of(
            "knoq.public-url", PUBLIC_URL,
            "knoq.agent.embedded-latency", "1500ms",
            "db-scheduler.shutdown-max-wait", "1s");
    StandaloneServer first = StandaloneServer.start(database, settings);
    try (StandaloneServer second = StandaloneServer.start(database, settings)) {
      ApiClient alice = first.anonymous().withOrigin(PUBLIC_URL);
      alice.signIn(ServerTest.ADMIN_EMAIL, ServerTest.ADMIN_PASSWORD);
      String id = alice.post("/api/managed-agents/session", json("text", "What is 12*7?")).json().path("id").asString();
      await().atMost(Duration.ofSeconds(10)).until(() -> turnsRunning(first) + turnsRunning(second) == 1);
      StandaloneServer stopping = turnsRunning(first) == 1 ? first : second;
      StandaloneServer staying = stopping == first ? second : first;
      ApiClient onStopping = stopping.anonymous().withOrigin(PUBLIC_URL).withCookie(alice.cookie());
      ApiClient onStaying = staying.anonymous().withOrigin(PUBLIC_URL).withCookie(alice.cookie());
      assertThat(onStopping.post("/api/managed-agents/message", json("sessionId", id, "text", "What is 2+3?")).status())
          .isEqualTo(200);

      long asked = System.nanoTime();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(stopping::close);
      await()
          .atMost(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> onStopping.get("/api/managed-agents/sessions").status() == 503);
      var refused = onStopping.get("/api/managed-agents/sessions");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.json().path("error").asString()).contains("shutting down");

      // the turn, interrupted after the 1 s drain wait, is claimed by the other node well inside the lease
      await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20)).until(() -> turnsRunning(staying) == 1);
      long handedOver = (System.nanoTime() - asked) / 1_000_000;
      System.out.printf("graceful stop: the other node runs the turn %d ms after the stop began (lease 20 s)%n", handedOver);
      closing.join();
      List<JsonNode> events = Transcripts.awaitIdle(onStaying, id, 2);
      List<String> types = Transcripts.types(events);
      assertThat(types.stream().filter("status_idle"::equals).count()).isEqualTo(2);
      assertThat(Transcripts.agentTexts(events).stream().filter(t -> t.contains("84")).count()).isLessThanOrEqualTo(1);
      assertThat(Transcripts.agentTexts(events)).filteredOn(t -> t.contains("= 5")).hasSize(1);
    } finally {
      first.close();
    }
  }

  @Test
  void an_unreachable_database_is_503_and_the_node_recovers_when_it_returns() {
    URI postgres = URI.create(TestPostgres.freshSchemaUrl().substring("jdbc:".length()));
    try (var proxy = new TcpProxy(postgres.getHost(), postgres.getPort());
        var server =
            StandaloneServer.start(
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath() + "?" + postgres.getQuery(),
                Map.of("spring.datasource.hikari.connection-timeout", "1000"))) {
      ApiClient alice = server.admin();
      assertThat(alice.get("/api/managed-agents/sessions").status()).isEqualTo(200);

      proxy.cut();
      long cut = System.nanoTime();
      var during = alice.get("/api/managed-agents/sessions");
      System.out.printf("database cut: first answer %d after %d ms%n", during.status(), (System.nanoTime() - cut) / 1_000_000);
      assertThat(during.status()).isEqualTo(503);
      assertThat(during.header("Retry-After")).isNotNull();
      assertThat(alice.post("/api/managed-agents/session", json("text", "What is 6*7?")).status()).isEqualTo(503);
      assertThat(server.anonymous().get("/actuator/health/readiness").status()).isEqualTo(503);
      assertThat(server.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);

      proxy.restore();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> alice.get("/api/managed-agents/sessions").status() == 200);
      assertThat(server.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
      // the scheduler works again: a new turn is claimed and answered
      var created = alice.post("/api/managed-agents/session", json("text", "What is 6*7?"));
      assertThat(created.status()).isEqualTo(201);
      List<JsonNode> events = Transcripts.awaitIdle(alice, created.json().path("id").asString(), 1);
      assertThat(Transcripts.agentTexts(events)).singleElement().asString().contains("42");
    }
  }

  private static int turnsRunning(StandaloneServer server) {
    return server.bean(RunningTurns.class).count();
  }
}
