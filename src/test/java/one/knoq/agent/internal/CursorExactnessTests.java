package one.knoq.agent.internal;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import one.knoq.agent.EventType;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Paging a transcript while other threads append to it yields every event exactly once, in log
 * order, across page boundaries (500 per page).
 */
class CursorExactnessTests extends ServerTest {

  @Autowired SessionStore sessions;
  @Autowired EventLog log;
  @Autowired Payloads payloads;
  @Autowired TransactionTemplate tx;

  @Test
  void a_polling_reader_sees_every_concurrent_append_once_and_in_order() throws Exception {
    ApiClient alice = newMember();
    var created = alice.post("/api/managed-agents/session", json("text", "hello"));
    String id = created.json().path("id").asString();
    Transcripts.awaitIdle(alice, id, 1);

    int writers = 4;
    int perWriter = 400;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    var writing = new AtomicBoolean(true);
    var writes = new ArrayList<Future<?>>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      writes.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perWriter; ) {
                  int batch = Math.min(1 + (i % 3), perWriter - i);
                  var events = new ArrayList<EventLog.NewEvent>();
                  for (int b = 0; b < batch; b++, i++) {
                    events.add(new EventLog.NewEvent(EventType.AGENT_MESSAGE, payloads.text(writer + ":" + i), null));
                  }
                  tx.executeWithoutResult(s -> log.append(sessions.lock(id).orElseThrow(), events));
                }
              }));
    }
    Future<List<JsonNode>> reader =
        pool.submit(() -> Transcripts.pollWhile(alice, id, writing::get));
    for (Future<?> f : writes) {
      f.get();
    }
    writing.set(false);
    List<JsonNode> polled = reader.get();
    pool.shutdown();

    JsonNode firstPage = Transcripts.page(alice, id, null);
    assertThat(firstPage.path("events")).hasSize(500);
    assertThat(firstPage.path("hasMore").asBoolean()).isTrue();
    List<JsonNode> all = Transcripts.readAll(alice, id);
    assertThat(all).hasSize(writers * perWriter + 3); // user_message, agent_message, status_idle
    assertThat(polled.stream().map(e -> e.path("id").asString()).toList())
        .containsExactlyElementsOf(all.stream().map(e -> e.path("id").asString()).toList());
    assertThat(new HashSet<>(polled.stream().map(e -> e.path("id").asString()).toList())).hasSize(all.size());

    Map<String, Integer> lastPerWriter = new HashMap<>();
    String previousAt = "";
    for (JsonNode e : polled) {
      assertThat(e.path("occurredAt").asString()).isGreaterThanOrEqualTo(previousAt);
      previousAt = e.path("occurredAt").asString();
      String text = e.path("payload").path("content").path(0).path("text").asString("");
      if (text.matches("\\d+:\\d+")) {
        String[] parts = text.split(":");
        int i = Integer.parseInt(parts[1]);
        assertThat(i).isGreaterThan(lastPerWriter.getOrDefault(parts[0], -1));
        lastPerWriter.put(parts[0], i);
      }
    }
    assertThat(lastPerWriter).hasSize(writers).allSatisfy((w, last) -> assertThat(last).isEqualTo(perWriter - 1));
  }
}
