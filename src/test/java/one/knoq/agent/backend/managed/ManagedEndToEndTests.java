package one.knoq.agent.backend.managed;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import one.knoq.support.ApiClient;
import one.knoq.support.StandaloneServer;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole server on the anthropic-managed backend against a loopback Managed Agents API: create
 * opens the remote session, the remote log is imported into the transcript, and a create whose
 * remote session cannot be opened is a 502 that persists and consumes nothing.
 */
class ManagedEndToEndTests {

  private final MockWebServer remoteServer = new MockWebServer();
  private StandaloneServer server;

  private StandaloneServer start(String baseUrl) {
    return StandaloneServer.start(
        "jdbc:h2:mem:managed-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        Map.of(
            "knoq.agent.backend", "anthropic-managed",
            "knoq.agent.managed.base-url", baseUrl,
            "knoq.agent.managed.api-key", "sk-ant-test",
            "knoq.agent.managed.agent-id", "agent_01",
            "knoq.agent.managed.environment-id", "env_01",
            "knoq.agent.managed.poll-interval", "50ms",
            "knoq.agent.http.max-attempts", "2",
            "knoq.agent.http.max-retry-wait", "1s"));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    remoteServer.close();
  }

  @Test
  void the_remote_log_of_a_turn_is_imported_into_the_transcript() throws Exception {
    var remote = new FakeManagedAgents();
    remote.scriptedReply.addAll(
        List.of(
            "{\"type\":\"agent.message\",\"content\":[{\"type\":\"text\",\"text\":\"Hello from the managed agent.\"}]}",
            "{\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"end_turn\"}}"));
    remoteServer.setDispatcher(remote);
    remoteServer.start();
    server = start(remoteServer.url("/").toString());

    ApiClient admin = server.admin();
    var created = admin.post("/api/managed-agents/session", json("text", "Hi there"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();

    List<JsonNode> events = Transcripts.awaitIdle(admin, id, 1);
    assertThat(Transcripts.types(events)).containsExactly("user_message", "agent_message", "status_idle");
    assertThat(Transcripts.agentTexts(events)).containsExactly("Hello from the managed agent.");
    assertThat(remote.received).anyMatch(e -> "user.message".equals(e.path("type").asString()));
  }

  @Test
  void an_import_left_incomplete_by_a_failed_turn_is_reported_and_resumed_by_later_polls() throws Exception {
    var remote = new FakeManagedAgents();
    remote.scriptedReply.addAll(
        List.of(
            "{\"type\":\"agent.message\",\"content\":[{\"type\":\"text\",\"text\":\"Late answer.\"}]}",
            "{\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"end_turn\"}}"));
    remote.failingOffsets.add(0); // every listing of the remote log fails for now
    remoteServer.setDispatcher(remote);
    remoteServer.start();
    server = start(remoteServer.url("/").toString());

    ApiClient admin = server.admin();
    String id = admin.post("/api/managed-agents/session", json("text", "Hi")).json().path("id").asString();
    List<JsonNode> failed = Transcripts.awaitIdle(admin, id, 1);
    assertThat(Transcripts.types(failed)).containsExactly("user_message", "error", "status_idle");
    assertThat(Transcripts.page(admin, id, null).path("backfillFailed").asBoolean()).isTrue();

    remote.failingOffsets.clear();
    String lastSeen = failed.get(failed.size() - 1).path("id").asString();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(15))
        .until(() -> !Transcripts.page(admin, id, null).path("backfillFailed").asBoolean());
    JsonNode delta = Transcripts.page(admin, id, lastSeen);
    assertThat(delta.path("events")).hasSize(1);
    assertThat(delta.path("events").get(0).path("type").asString()).isEqualTo("agent_message");
    assertThat(Transcripts.agentTexts(Transcripts.readAll(admin, id))).containsExactly("Late answer.");
  }

  @Test
  void a_remote_session_that_cannot_be_opened_is_a_502_and_nothing_is_persisted() {
    // nothing listens there: every open fails
    server = start("http://127.0.0.1:9");
    ApiClient admin = server.admin();
    for (int i = 0; i < 12; i++) {
      var r = admin.post("/api/managed-agents/session", json("text", "Hi " + i));
      assertThat(r.status()).as("attempt %d: %s", i, r).isEqualTo(502);
      assertThat(r.json().path("error").asString()).isNotBlank();
    }
    // 12 failed creates consumed none of the 10-per-minute allowance and left no session behind
    assertThat(admin.get("/api/managed-agents/sessions").json().path("sessions")).isEmpty();
    assertThat(admin.get("/api/admin/usage").json().path("queries").asLong()).isZero();
  }
}
