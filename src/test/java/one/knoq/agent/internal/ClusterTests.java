package one.knoq.agent.internal;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import one.knoq.agent.EventType;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import one.knoq.support.StandaloneServer;
import one.knoq.support.TestPostgres;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Two nodes on one PostgreSQL database: any request on any node, each turn on exactly one node. */
@Tag("postgres")
class ClusterTests {

  private static final String PUBLIC_URL = "http://knoq.example";

  private static StandaloneServer a;
  private static StandaloneServer b;

  @BeforeAll
  static void start() {
    String database = TestPostgres.freshSchemaUrl();
    // slow enough steps that a turn is still in flight when the other node is asked to stop it
    // both nodes are reached at the load balancer's one public URL
    Map<String, String> settings =
        Map.of("knoq.agent.embedded-latency", "700ms", "knoq.public-url", PUBLIC_URL);
    a = StandaloneServer.start(database, settings);
    b = StandaloneServer.start(database, settings);
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  /** A member of the bootstrap organisation signed in on node A; the same cookie works on B. */
  private static ApiClient[] newMemberOnBoth() {
    String email = "user-" + UUID.randomUUID() + "@example.com";
    var created =
        admin()
            .post(
                "/api/admin/members",
                json("email", email, "name", "Cluster User", "password", "a long enough password", "role", "member"));
    assertThat(created.status()).isEqualTo(201);
    ApiClient onA = a.anonymous().withOrigin(PUBLIC_URL);
    onA.signIn(email, "a long enough password");
    return new ApiClient[] {onA, b.anonymous().withOrigin(PUBLIC_URL).withCookie(onA.cookie())};
  }

  private static ApiClient admin;

  private static synchronized ApiClient admin() {
    if (admin == null) {
      admin = a.anonymous().withOrigin(PUBLIC_URL);
      admin.signIn(ServerTest.ADMIN_EMAIL, ServerTest.ADMIN_PASSWORD);
    }
    return admin;
  }

  @Test
  void any_request_may_go_to_any_node() {
    ApiClient[] alice = newMemberOnBoth();
    var created = alice[0].post("/api/managed-agents/session", json("text", "What is 12*7?"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();
    Transcripts.awaitIdle(alice[1], id, 1);
    assertThat(alice[1].post("/api/managed-agents/message", json("sessionId", id, "text", "What is 6*7?")).status())
        .isEqualTo(200);
    List<JsonNode> events = Transcripts.awaitIdle(alice[0], id, 2);
    assertThat(Transcripts.agentTexts(events)).hasSize(2).anyMatch(t -> t.contains("84")).anyMatch(t -> t.contains("42"));
    assertThat(alice[1].get("/api/managed-agents/sessions").json().path("sessions").toString()).contains(id);
  }

  @Test
  void each_turn_runs_on_exactly_one_node() throws Exception {
    var ids = new ArrayList<String>();
    for (int i = 0; i < 4; i++) {
      ApiClient[] user = newMemberOnBoth();
      for (int s = 0; s < 4; s++) {
        ApiClient client = user[s % 2];
        var r = client.post("/api/managed-agents/session", json("text", "What is " + (i + 2) + "*" + (s + 3) + "?"));
        assertThat(r.status()).isEqualTo(201);
        ids.add(r.json().path("id").asString() + " " + i);
      }
    }
    for (String entry : ids) {
      String id = entry.split(" ")[0];
      // the admin cannot read members' sessions; read the log from the database instead
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(a, "select count(*) from agent_runs where session_id = ? and state = 'done'", id) == 1);
      assertThat(count(a, "select count(*) from agent_events where session_id = ? and type = 'status_idle'", id))
          .isEqualTo(1);
      assertThat(count(a, "select count(*) from agent_events where session_id = ? and type = 'agent_message'", id))
          .isEqualTo(1);
      assertThat(count(a, "select count(*) from agent_events where session_id = ? and type = 'tool_use'", id))
          .isEqualTo(1);
    }
    // no turn was claimed twice
    assertThat(a.bean(JdbcTemplate.class).queryForObject("select max(attempts) from agent_runs", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void cancel_sent_to_the_other_node_stops_the_turn_within_two_seconds() {
    ApiClient[] alice = newMemberOnBoth();
    String id = startSlowTurn(alice[0]);
    int runner = runningNode();
    ApiClient other = alice[1 - runner];
    RunningTurns running = (runner == 0 ? a : b).bean(RunningTurns.class);

    long asked = System.nanoTime();
    assertThat(other.post("/api/managed-agents/cancel", json("sessionId", id)).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> running.count() == 0);
    System.out.printf("cancel on the other node: turn stopped after %d ms%n", (System.nanoTime() - asked) / 1_000_000);
    List<String> types = Transcripts.types(Transcripts.readAll(alice[runner], id));
    assertThat(types).containsExactly("user_message", "tool_use", "status_terminated");
  }

  @Test
  void delete_sent_to_the_other_node_stops_the_turn_within_two_seconds() {
    ApiClient[] alice = newMemberOnBoth();
    String id = startSlowTurn(alice[0]);
    int runner = runningNode();
    RunningTurns running = (runner == 0 ? a : b).bean(RunningTurns.class);

    assertThat(alice[1 - runner].delete("/api/managed-agents/session?sessionId=" + id).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> running.count() == 0);
    assertThat(count(a, "select count(*) from agent_events where session_id = ?", id)).isZero();
    assertThat(alice[runner].get("/api/managed-agents/transcript?sessionId=" + id).status()).isEqualTo(404);
  }

  @Test
  void rate_limits_hold_exactly_across_nodes() throws Exception {
    ApiClient[] alice = newMemberOnBoth();
    int attempts = 24;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    var calls = new ArrayList<Callable<Integer>>();
    for (int i = 0; i < attempts; i++) {
      ApiClient client = alice[i % 2];
      calls.add(() -> client.post("/api/managed-agents/session", json("text", "hi")).status());
    }
    var statuses = new ArrayList<Integer>();
    for (Future<Integer> f : pool.invokeAll(calls)) {
      statuses.add(f.get());
    }
    pool.shutdown();
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
    assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(attempts - 10);
  }

  @Test
  void the_cursor_is_exact_when_one_node_writes_and_the_other_is_read() throws Exception {
    ApiClient[] alice = newMemberOnBoth();
    String id = alice[0].post("/api/managed-agents/session", json("text", "hello")).json().path("id").asString();
    Transcripts.awaitIdle(alice[1], id, 1);
    SessionStore sessions = a.bean(SessionStore.class);
    EventLog log = a.bean(EventLog.class);
    Payloads payloads = a.bean(Payloads.class);
    TransactionTemplate tx = a.bean(TransactionTemplate.class);

    int writers = 3;
    int perWriter = 250;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    var writing = new AtomicBoolean(true);
    var writes = new ArrayList<Future<?>>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      writes.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perWriter; i++) {
                  var event = new EventLog.NewEvent(EventType.AGENT_MESSAGE, payloads.text(writer + ":" + i), null);
                  tx.executeWithoutResult(s -> log.append(sessions.lock(id).orElseThrow(), List.of(event)));
                }
              }));
    }
    Future<List<JsonNode>> reader =
        pool.submit(() -> Transcripts.pollWhile(alice[1], id, writing::get));
    for (Future<?> f : writes) {
      f.get();
    }
    writing.set(false);
    List<String> polled = reader.get().stream().map(e -> e.path("id").asString()).toList();
    pool.shutdown();

    List<String> all = Transcripts.readAll(alice[0], id).stream().map(e -> e.path("id").asString()).toList();
    assertThat(all).hasSize(writers * perWriter + 3);
    assertThat(polled).containsExactlyElementsOf(all);
    assertThat(new HashSet<>(polled)).hasSize(all.size());
  }

  private static String startSlowTurn(ApiClient client) {
    // other tests' turns finish first, so that the one in flight is this one
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> a.bean(RunningTurns.class).count() + b.bean(RunningTurns.class).count() == 0);
    var created = client.post("/api/managed-agents/session", json("text", "What is 12*7?"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Transcripts.types(Transcripts.readAll(client, id)).contains("tool_use"));
    return id;
  }

  /** 0 when the one turn in flight runs on A, 1 when on B. */
  private static int runningNode() {
    int onA = a.bean(RunningTurns.class).count();
    int onB = b.bean(RunningTurns.class).count();
    assertThat(onA + onB).as("turns in flight on both nodes").isEqualTo(1);
    return onA == 1 ? 0 : 1;
  }

  private static long count(StandaloneServer server, String sql, String id) {
    return server.bean(JdbcTemplate.class).queryForObject(sql, Long.class, id);
  }
}
