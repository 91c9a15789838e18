package one.knoq.agent;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;

/** The per-user rolling-window limits hold exactly when requests race each other over HTTP. */
class RateLimitContractTests extends ServerTest {

  @Test
  void exactly_ten_of_fifteen_concurrent_creates_are_admitted() throws Exception {
    ApiClient alice = newMember();
    var pool = Executors.newFixedThreadPool(15);
    var calls = new ArrayList<Callable<ApiClient.Response>>();
    for (int i = 0; i < 15; i++) {
      calls.add(() -> alice.post("/api/managed-agents/session", json("text", "hi")));
    }
    List<ApiClient.Response> responses = new ArrayList<>();
    for (Future<ApiClient.Response> f : pool.invokeAll(calls)) {
      responses.add(f.get());
    }
    pool.shutdown();

    assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(10);
    var refused = responses.stream().filter(r -> r.status() == 429).toList();
    assertThat(refused).hasSize(5);
    for (var r : refused) {
      int retryAfter = Integer.parseInt(r.header("Retry-After"));
      assertThat(retryAfter).isBetween(1, 60);
      assertThat(r.json().path("error").asString()).isNotBlank();
    }
    assertThat(alice.get("/api/managed-agents/sessions").json().path("sessions")).hasSize(10);
  }

  @Test
  void refused_requests_consume_nothing_and_other_users_are_not_affected() {
    ApiClient alice = newMember();
    ApiClient bob = newMember();
    for (int i = 0; i < 10; i++) {
      assertThat(alice.post("/api/managed-agents/session", json("text", "q" + i)).status()).isEqualTo(201);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(alice.post("/api/managed-agents/session", json("text", "over")).status()).isEqualTo(429);
    }
    // a request refused for bad input before the limit is reached does not count either
    assertThat(bob.post("/api/managed-agents/session", json("text", " ")).status()).isEqualTo(400);
    for (int i = 0; i < 10; i++) {
      assertThat(bob.post("/api/managed-agents/session", json("text", "b" + i)).status()).isEqualTo(201);
    }
    assertThat(bob.post("/api/managed-agents/session", json("text", "over")).status()).isEqualTo(429);
  }

  @Test
  void messages_are_limited_to_sixty_per_minute() {
    ApiClient alice = newMember();
    String id = alice.post("/api/managed-agents/session", json("text", "hi")).json().path("id").asString();
    for (int i = 0; i < 60; i++) {
      assertThat(alice.post("/api/managed-agents/message", json("sessionId", id, "text", "m" + i)).status())
          .isEqualTo(200);
    }
    var refused = alice.post("/api/managed-agents/message", json("sessionId", id, "text", "over"));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    // the 404 check comes before the limit: an unknown session is still 404
    assertThat(
            alice.post(
                    "/api/managed-agents/message",
                    json("sessionId", java.util.UUID.randomUUID().toString(), "text", "x"))
                .status())
        .isEqualTo(404);
  }
}
