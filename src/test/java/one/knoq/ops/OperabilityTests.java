package one.knoq.ops;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.Test;

/** Health probes, Prometheus metrics and request ids, reachable without a cookie or an origin. */
class OperabilityTests extends ServerTest {

  @Test
  void liveness_and_readiness_answer_without_a_sign_in() {
    ApiClient probe = new ApiClient(baseUrl()).withOrigin(null);
    var live = probe.get("/actuator/health/liveness");
    var ready = probe.get("/actuator/health/readiness");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().path("status").asString()).isEqualTo("UP");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("status").asString()).isEqualTo("UP");
  }

  @Test
  void prometheus_shows_requests_turns_and_refusals() {
    ApiClient alice = newMember();
    String id = alice.post("/api/managed-agents/session", json("text", "What is 12*7?")).json().path("id").asString();
    Transcripts.awaitIdle(alice, id, 1);
    for (int i = 0; i < 10; i++) {
      alice.post("/api/managed-agents/session", json("text", "hi"));
    }
    String scrape = new ApiClient(baseUrl()).withOrigin(null).get("/actuator/prometheus").body();
    assertThat(scrape)
        .contains("http_server_requests_seconds_count{")
        .contains("uri=\"/api/managed-agents/session\"")
        .contains("status=\"429\"")
        .contains("knoq_turn_duration_seconds_count{")
        .contains("knoq_turns_queued ")
        .contains("knoq_turns_running ")
        .contains("knoq_ratelimit_refusals");
  }

  @Test
  void every_answer_carries_a_request_id_and_a_sane_incoming_one_is_kept() {
    var fresh = anonymous().get("/api/auth/me");
    assertThat(fresh.status()).isEqualTo(401);
    assertThat(fresh.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(anonymous().withHeader("X-Request-Id", "lb-1234.abc").get("/api/auth/me").header("X-Request-Id"))
        .isEqualTo("lb-1234.abc");
    assertThat(anonymous().withHeader("X-Request-Id", "no spaces <allowed>").get("/api/auth/me").header("X-Request-Id"))
        .isNotEqualTo("no spaces <allowed>")
        .matches("[0-9a-f-]{36}");
  }
}
