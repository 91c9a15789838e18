package one.knoq.agent.internal;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import one.knoq.support.ApiClient;
import one.knoq.support.StandaloneServer;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Cancel and delete while a turn is in flight: the run stops within 2 s and writes nothing more. */
class SlowTurnTests {

  private static StandaloneServer server;

  @BeforeAll
  static void start() {
    server =
        StandaloneServer.start(
            "jdbc:h2:mem:slow-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            Map.of("knoq.agent.embedded-latency", "1500ms"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String startSlowTurn(ApiClient client) {
    var created = client.post("/api/managed-agents/session", json("text", "What is 12*7?"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Transcripts.types(Transcripts.readAll(client, id)).contains("tool_use"));
    return id;
  }

  @Test
  void cancel_stops_the_turn_within_two_seconds_and_drops_queued_messages() throws Exception {
    ApiClient alice = server.admin();
    String id = startSlowTurn(alice);
    assertThat(alice.post("/api/managed-agents/message", json("sessionId", id, "text", "What is 1+1?")).status())
        .isEqualTo(200);
    RunningTurns running = server.bean(RunningTurns.class);
    assertThat(running.count()).isEqualTo(1);

    long asked = System.nanoTime();
    var cancel = alice.post("/api/managed-agents/cancel", json("sessionId", id));
    assertThat(cancel.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).until(() -> running.count() == 0);
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));

    Thread.sleep(2000); // longer than a step: a run that kept going would have written by now
    List<JsonNode> events = Transcripts.readAll(alice, id);
    List<String> types = Transcripts.types(events);
    assertThat(types).containsExactly("user_message", "tool_use", "user_message", "status_terminated");
    assertThat(types).doesNotContain("status_idle", "agent_message");
    assertThat(Transcripts.page(alice, id, null).path("workflowRunId").isNull()).isTrue();
  }

  @Test
  void delete_stops_the_turn_and_leaves_nothing_behind() {
    ApiClient alice = server.admin();
    String id = startSlowTurn(alice);
    RunningTurns running = server.bean(RunningTurns.class);

    assertThat(alice.delete("/api/managed-agents/session?sessionId=" + id).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).until(() -> running.count() == 0);

    JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
    await()
        .during(Duration.ofMillis(2000))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                jdbc.queryForObject("select count(*) from agent_events where session_id = ?", Long.class, id) == 0
                    && jdbc.queryForObject("select count(*) from agent_runs where session_id = ?", Long.class, id) == 0);
    assertThat(alice.get("/api/managed-agents/transcript?sessionId=" + id).status()).isEqualTo(404);
  }
}
