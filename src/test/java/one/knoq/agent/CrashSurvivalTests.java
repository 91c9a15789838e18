package one.knoq.agent;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerProcess;
import one.knoq.support.TestPostgres;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on one PostgreSQL database; the one running a turn is killed with SIGKILL.
 * The survivor ends or finishes that turn within the lease and answers the message that the dead
 * node accepted just before it died, once.
 */
@Tag("postgres")
class CrashSurvivalTests {

  private static final String PUBLIC_URL = "http://knoq.example";
  // lease = 1 s heartbeat × 4 missed heartbeats (db-scheduler allows no fewer)
  private static final Map<String, String> SETTINGS =
      Map.of(
          "knoq.public-url", PUBLIC_URL,
          "knoq.agent.embedded-latency", "1500ms",
          "db-scheduler.heartbeat-interval", "1s",
          "db-scheduler.missed-heartbeats-limit", "4");

  @Test
  void a_turn_of_a_killed_node_is_ended_by_the_survivor_and_the_queued_message_answered() {
    String database = TestPostgres.freshSchemaUrl();
    // started side by side: each JVM's start-up is mostly its own class loading
    var starting = CompletableFuture.supplyAsync(() -> ServerProcess.start("crash-b", database, SETTINGS));
    try (var first = ServerProcess.start("crash-a", database, SETTINGS);
        var second = starting.join()) {
      ApiClient onFirst = first.anonymous().withOrigin(PUBLIC_URL);
      onFirst.signIn(one.knoq.support.ServerTest.ADMIN_EMAIL, one.knoq.support.ServerTest.ADMIN_PASSWORD);
      var created = onFirst.post("/api/managed-agents/session", json("text", "What is 12*7?"));
      assertThat(created.status()).isEqualTo(201);
      String id = created.json().path("id").asString();
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> Transcripts.types(Transcripts.readAll(onFirst, id)).contains("tool_use"));

      ServerProcess victim = first.metric("knoq_turns_running") == 1 ? first : second;
      ServerProcess survivor = victim == first ? second : first;
      assertThat(survivor.metric("knoq_turns_running")).isZero();
      ApiClient onVictim = victim.anonymous().withOrigin(PUBLIC_URL).withCookie(onFirst.cookie());
      ApiClient onSurvivor = survivor.anonymous().withOrigin(PUBLIC_URL).withCookie(onFirst.cookie());

      // accepted by the node that is about to die, while its turn is in flight
      assertThat(onVictim.post("/api/managed-agents/message", json("sessionId", id, "text", "What is 2+3?")).status())
          .isEqualTo(200);
      int before = Transcripts.readAll(onSurvivor, id).size();
      victim.kill();
      long killed = System.nanoTime();

      long[] firstEventMs = {-1};
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                List<JsonNode> events = Transcripts.readAll(onSurvivor, id);
                if (firstEventMs[0] < 0 && events.size() > before) {
                  firstEventMs[0] = (System.nanoTime() - killed) / 1_000_000;
                }
                return Transcripts.types(events).contains("status_idle");
              });
      long idleMs = (System.nanoTime() - killed) / 1_000_000;
      System.out.printf(
          "hand-over after kill -9 (lease 4 s): survivor's first event after %d ms, status_idle after %d ms%n",
          firstEventMs[0], idleMs);
      assertThat(idleMs).isLessThan(15_000);

      List<JsonNode> events = Transcripts.awaitIdle(onSurvivor, id, 2);
      List<String> types = Transcripts.types(events);
      assertThat(types.stream().filter("status_idle"::equals).count()).isEqualTo(2);
      assertThat(types.stream().filter("user_message"::equals).count()).isEqualTo(2);
      long firstAnswers = Transcripts.agentTexts(events).stream().filter(t -> t.contains("84")).count();
      assertThat(firstAnswers).isLessThanOrEqualTo(1);
      if (firstAnswers == 0) {
        assertThat(types).contains("error");
      }
      assertThat(Transcripts.agentTexts(events)).filteredOn(t -> t.contains("= 5")).hasSize(1);
      var ids = new HashSet<String>();
      events.forEach(e -> assertThat(ids.add(e.path("id").asString())).isTrue());
      var toolUses = new HashSet<String>();
      events.stream()
          .filter(e -> "tool_use".equals(e.path("type").asString()))
          .forEach(e -> assertThat(toolUses.add(e.path("payload").path("id").asString())).isTrue());
    }
  }
}
