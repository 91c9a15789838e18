package one.knoq.agent;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import one.knoq.support.ApiClient;
import one.knoq.support.StandaloneServer;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server stopped in the middle of turns: after the next start every accepted message is answered
 * exactly once, or its interrupted turn ends with error + status_idle; nothing is duplicated.
 */
class RestartDurabilityTests {

  @TempDir Path dataDir;

  @Test
  void turns_interrupted_by_a_stop_are_finished_after_the_next_start() {
    String database = StandaloneServer.fileDatabase(dataDir);
    Map<String, String> quickTakeover =
        Map.of("db-scheduler.heartbeat-interval", "1s", "db-scheduler.shutdown-max-wait", "1s");
    String midAnswer;
    String notStarted;
    String cookie;
    var first = StandaloneServer.start(database, merge(quickTakeover, Map.of("knoq.agent.embedded-latency", "2500ms")));
    try {
      ApiClient alice = first.admin();
      cookie = alice.cookie();
      midAnswer = create(alice, "What is 12*7?");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Transcripts.types(Transcripts.readAll(alice, midAnswer)).contains("tool_use"));
      notStarted = create(alice, "What is 6*7?");
      var queued = alice.post("/api/managed-agents/message", json("sessionId", midAnswer, "text", "What is 2+3?"));
      assertThat(queued.status()).isEqualTo(200);
    } finally {
      first.close();
    }

    try (var second = StandaloneServer.start(database, quickTakeover)) {
      ApiClient alice = second.anonymous().withCookie(cookie);
      List<JsonNode> interrupted = Transcripts.awaitIdle(alice, midAnswer, 2);
      List<JsonNode> fresh = Transcripts.awaitIdle(alice, notStarted, 1);

      List<String> types = Transcripts.types(interrupted);
      assertThat(types.stream().filter("status_idle"::equals).count()).isEqualTo(2);
      assertThat(types.stream().filter("user_message"::equals).count()).isEqualTo(2);
      // the interrupted first turn: ended honestly, or answered once — never twice
      long firstTurnAnswers =
          Transcripts.agentTexts(interrupted).stream().filter(t -> t.contains("84")).count();
      assertThat(firstTurnAnswers).isLessThanOrEqualTo(1);
      if (firstTurnAnswers == 0) {
        assertThat(types).contains("error");
      }
      // the queued message is answered after the restart
      assertThat(Transcripts.agentTexts(interrupted)).anyMatch(t -> t.contains("= 5"));
      assertThat(Transcripts.types(fresh).stream().filter("status_idle"::equals).count()).isEqualTo(1);
      assertThat(Transcripts.agentTexts(fresh)).singleElement().asString().contains("42");

      for (List<JsonNode> events : List.of(interrupted, fresh)) {
        var ids = new HashSet<String>();
        events.forEach(e -> assertThat(ids.add(e.path("id").asString())).isTrue());
        var toolUses = new HashSet<String>();
        events.stream()
            .filter(e -> "tool_use".equals(e.path("type").asString()))
            .forEach(e -> assertThat(toolUses.add(e.path("payload").path("id").asString())).isTrue());
      }
    }
  }

  private static String create(ApiClient client, String text) {
    var r = client.post("/api/managed-agents/session", json("text", text));
    assertThat(r.status()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    var all = new java.util.HashMap<>(a);
    all.putAll(b);
    return all;
  }
}
