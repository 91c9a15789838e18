package one.knoq.agent;

import static one.knoq.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import one.knoq.support.Transcripts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The managed-agents endpoints over a real port: each success and each documented error. */
class ManagedAgentsContractTests extends ServerTest {

  @org.springframework.beans.factory.annotation.Autowired one.knoq.identity.Organisations organisations;
  @org.springframework.beans.factory.annotation.Autowired one.knoq.identity.Members members;

  private static String create(ApiClient client, String text) {
    var r = client.post("/api/managed-agents/session", json("text", text));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  @Test
  void create_answers_201_and_the_embedded_agent_uses_its_calculator() {
    var alice = newMember();
    var r = alice.post("/api/managed-agents/session", json("text", "What is 12*7?"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode body = r.json();
    String id = body.path("id").asString();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(body.path("runId").asString()).isNotBlank();
    assertThat(body.path("noConnectors").asBoolean()).isTrue();

    List<JsonNode> events = Transcripts.awaitIdle(alice, id, 1);
    assertThat(Transcripts.types(events))
        .containsExactly("user_message", "tool_use", "tool_result", "agent_message", "status_idle");
    assertThat(events.get(0).path("payload").path("content").get(0).path("text").asString())
        .isEqualTo("What is 12*7?");
    assertThat(events.get(1).path("payload").path("name").asString()).isEqualTo("calculator");
    assertThat(events.get(2).path("payload").path("tool_use_id").asString())
        .isEqualTo(events.get(1).path("payload").path("id").asString());
    assertThat(events.get(2).path("payload").path("is_error").asBoolean()).isFalse();
    assertThat(Transcripts.agentTexts(events).get(0)).contains("84");
    JsonNode idle = events.get(4).path("payload");
    assertThat(idle.path("stop_reason").path("type").asString()).isEqualTo("end_turn");
    assertThat(idle.path("usage").has("input_tokens")).isTrue();
    assertThat(idle.path("usage").has("output_tokens")).isTrue();
    assertThat(idle.path("usage").has("cost_usd")).isTrue();
    for (JsonNode e : events) {
      assertThat(e.path("id").asString()).matches("[A-Za-z0-9_-]{1,64}");
      assertThat(e.path("occurredAt").asString())
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).path("occurredAt").asString())
          .isGreaterThanOrEqualTo(events.get(i - 1).path("occurredAt").asString());
    }

    JsonNode transcript = Transcripts.page(alice, id, null);
    assertThat(transcript.path("title").asString()).isEqualTo("What is 12*7?");
    assertThat(transcript.path("workflowRunId").isNull()).isTrue();
    assertThat(transcript.path("hasMore").asBoolean()).isFalse();
    assertThat(transcript.path("backfillFailed").asBoolean()).isFalse();
  }

  @Test
  void a_plain_question_gets_a_deterministic_helpful_reply() {
    var alice = newMember();
    String first = create(alice, "Hello there, who are you?");
    String second = create(alice, "Hello there, who are you?");
    var a = Transcripts.agentTexts(Transcripts.awaitIdle(alice, first, 1));
    var b = Transcripts.agentTexts(Transcripts.awaitIdle(alice, second, 1));
    assertThat(a).hasSize(1).isEqualTo(b);
    assertThat(a.get(0)).contains("Hello there, who are you?").contains("calculator");
  }

  @Test
  void the_title_is_the_first_60_code_points_with_whitespace_collapsed() {
    var alice = newMember();
    String text = "  Plan   my\n\ttrip " + "😀".repeat(70);
    String id = create(alice, text);
    String title = Transcripts.page(alice, id, null).path("title").asString();
    assertThat(title.codePointCount(0, title.length())).isEqualTo(60);
    assertThat(title).startsWith("Plan my trip 😀");
    assertThat(title).endsWith("😀"); // no split surrogate pair
  }

  @Test
  void create_rejects_bad_text() {
    var alice = newMember();
    for (String body :
        List.of("{}", "{\"text\":\"\"}", "{\"text\":\"   \\n\"}", "{\"text\":42}", "{\"text\":null}")) {
      var r = alice.post("/api/managed-agents/session", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().path("error").asString()).isEqualTo("text must be a non-empty string");
    }
    var tooLong = alice.post("/api/managed-agents/session", json("text", "x".repeat(100_001)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("error").asString()).contains("text");
    var exactly = alice.post("/api/managed-agents/session", json("text", "😀".repeat(100_000)));
    assertThat(exactly.status()).isEqualTo(201);
  }

  @Test
  void text_that_is_not_storable_is_refused_everywhere() {
    var alice = newMember();
    for (String body : java.util.List.of("{\"text\":\"\\ud800 lone\"}", "{\"text\":\"a\\u0000b\"}")) {
      var r = alice.post("/api/managed-agents/session", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().path("error").asString()).contains("text");
    }
    assertThat(alice.post("/api/managed-agents/session", "{\"text\":\"\\u00a0\\u3000\"}").status()).isEqualTo(400);
    String id = create(alice, "fine");
    var message = alice.post("/api/managed-agents/message", "{\"sessionId\":\"" + id + "\",\"text\":\"\\udc00\"}");
    assertThat(message.status()).isEqualTo(400);
    String badQuery = rawGet("/api/managed-agents/transcript?sessionId=%zz", alice.cookie());
    assertThat(badQuery).startsWith("HTTP/1.1 400").contains("\"error\"");
    var nulQuery = alice.get("/api/managed-agents/transcript?sessionId=" + id + "&sinceEventId=%00");
    assertThat(nulQuery.status()).isEqualTo(400);
    var signIn = anonymous().post("/api/auth/sign-in", "{\"email\":\"a\\u0000@example.com\",\"password\":\"x\"}");
    assertThat(signIn.status()).isEqualTo(400);
    // the session list stays readable JSON
    assertThat(alice.get("/api/managed-agents/sessions").json().path("sessions")).hasSize(1);
  }

  /** A request the JDK client refuses to send (bad percent-encoding), over a plain socket. */
  private static String rawGet(String pathAndQuery, String cookie) {
    var url = java.net.URI.create(baseUrl());
    try (var socket = new java.net.Socket(url.getHost(), url.getPort())) {
      socket.getOutputStream().write(
          ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nCookie: knoq_session=" + cookie
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void the_api_answers_json_whatever_the_accept_header_says() {
    var alice = newMember().withHeader("Accept", "text/html");
    var r = alice.get("/api/managed-agents/transcript?sessionId=bad");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").asString()).isEqualTo("sessionId is malformed");
    assertThat(alice.get("/api/managed-agents/sessions").status()).isEqualTo(200);
    var encodedSlash = alice.get("/api/admin/members/a%2Fb");
    assertThat(encodedSlash.status()).isEqualTo(400);
    assertThat(encodedSlash.json().path("error").asString()).isNotBlank();
  }

  @Test
  void two_origin_headers_are_refused_even_when_the_first_is_right() {
    var alice = newMember().withHeader("Origin", "https://evil.example");
    var r = alice.post("/api/managed-agents/session", json("text", "hi"));
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void malformed_json_wrong_content_type_and_oversized_bodies_are_json_errors() {
    var alice = newMember();
    var malformed = alice.post("/api/managed-agents/session", "{\"text\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("error").asString()).isNotBlank();

    var notObject = alice.post("/api/managed-agents/session", "[1,2]");
    assertThat(notObject.status()).isEqualTo(400);

    var wrongType = alice.send("POST", "/api/managed-agents/session", "text=hi", "text/plain");
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.json().path("error").asString()).isNotBlank();

    var huge = alice.post("/api/managed-agents/session", json("text", "x".repeat(2 * 1024 * 1024 + 10)));
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.json().path("error").asString()).isNotBlank();

    var unknownFields = alice.post("/api/managed-agents/session", json("text", "hi", "colour", "blue"));
    assertThat(unknownFields.status()).isEqualTo(201);
  }

  @Test
  void unknown_routes_and_wrong_methods_answer_json() {
    var alice = newMember();
    var unknown = alice.get("/api/managed-agents/nothing-here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").asString()).isNotBlank();
    var outside = anonymous().get("/no/such/page");
    assertThat(outside.status()).isEqualTo(404);
    assertThat(outside.json().path("error").asString()).isNotBlank();
    var method = alice.send("PUT", "/api/managed-agents/sessions", "{}", "application/json");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.json().path("error").asString()).isNotBlank();
  }

  @Test
  void every_endpoint_needs_a_sign_in_before_anything_else() {
    var nobody = anonymous();
    String id = UUID.randomUUID().toString();
    assertThat(nobody.post("/api/managed-agents/session", "{not json").status()).isEqualTo(401);
    assertThat(nobody.get("/api/managed-agents/sessions").status()).isEqualTo(401);
    assertThat(nobody.get("/api/managed-agents/transcript").status()).isEqualTo(401);
    assertThat(nobody.post("/api/managed-agents/message", "{}").status()).isEqualTo(401);
    assertThat(nobody.post("/api/managed-agents/cancel", "{}").status()).isEqualTo(401);
    var r = nobody.delete("/api/managed-agents/session?sessionId=" + id);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error").asString()).isNotBlank();
  }

  @Test
  void list_shows_the_callers_sessions_newest_first_with_their_state() {
    var alice = newMember();
    String older = create(alice, "first");
    Transcripts.awaitIdle(alice, older, 1);
    String newer = create(alice, "What is 2+2?");
    Transcripts.awaitIdle(alice, newer, 1);

    JsonNode sessions = alice.get("/api/managed-agents/sessions").json().path("sessions");
    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0).path("id").asString()).isEqualTo(newer);
    assertThat(sessions.get(1).path("id").asString()).isEqualTo(older);
    JsonNode s = sessions.get(0);
    assertThat(s.path("title").asString()).isEqualTo("What is 2+2?");
    assertThat(s.path("status").asString()).isEqualTo("idle");
    assertThat(s.path("running").asBoolean()).isFalse();
    assertThat(s.path("createdAt").asString()).endsWith("Z");
    assertThat(s.path("updatedAt").asString()).isGreaterThanOrEqualTo(s.path("createdAt").asString());

    // a message moves updatedAt, so the older session comes first again
    assertThat(alice.post("/api/managed-agents/message", json("sessionId", older, "text", "again")).status())
        .isEqualTo(200);
    Transcripts.awaitIdle(alice, older, 2);
    sessions = alice.get("/api/managed-agents/sessions").json().path("sessions");
    assertThat(sessions.get(0).path("id").asString()).isEqualTo(older);
  }

  @Test
  void queued_follow_ups_are_answered_one_turn_each_in_order() {
    var alice = newMember();
    String id = create(alice, "What is 1+1?");
    for (String q : List.of("What is 2+2?", "What is 3+3?", "What is 4+4?")) {
      var r = alice.post("/api/managed-agents/message", json("sessionId", id, "text", q));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("ok").asBoolean()).isTrue();
    }
    List<JsonNode> events = Transcripts.awaitIdle(alice, id, 4);
    List<String> types = Transcripts.types(events);
    assertThat(types.stream().filter("status_idle"::equals).count()).isEqualTo(4);
    assertThat(types.stream().filter("user_message"::equals).count()).isEqualTo(4);
    List<String> replies = Transcripts.agentTexts(events);
    assertThat(replies).hasSize(4);
    assertThat(replies.get(0)).contains("= 2");
    assertThat(replies.get(1)).contains("= 4");
    assertThat(replies.get(2)).contains("= 6");
    assertThat(replies.get(3)).contains("= 8");
    assertThat(types.get(types.size() - 1)).isEqualTo("status_idle");
    // each turn's events sit between two status_idle, never interleaved with another turn's
    int idleCount = 0;
    for (String t : types) {
      if ("agent_message".equals(t)) {
        assertThat(idleCount).isLessThan(4);
      }
      if ("status_idle".equals(t)) {
        idleCount++;
      }
    }
  }

  @Test
  void message_errors() {
    var alice = newMember();
    String id = create(alice, "hi");
    assertThat(alice.post("/api/managed-agents/message", json("text", "x")).json().path("error").asString())
        .isEqualTo("sessionId is required");
    var malformed = alice.post("/api/managed-agents/message", json("sessionId", "not-a-uuid", "text", "x"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("error").asString()).isEqualTo("sessionId is malformed");
    var noText = alice.post("/api/managed-agents/message", json("sessionId", id));
    assertThat(noText.status()).isEqualTo(400);
    assertThat(noText.json().path("error").asString()).isEqualTo("text must be a non-empty string");
    var unknown =
        alice.post("/api/managed-agents/message", json("sessionId", UUID.randomUUID().toString(), "text", "x"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").asString()).isNotBlank();
  }

  @Test
  void cancel_is_idempotent_and_closes_the_session_for_messages() {
    var alice = newMember();
    String id = create(alice, "hi");
    Transcripts.awaitIdle(alice, id, 1);

    var first = alice.post("/api/managed-agents/cancel", json("sessionId", id));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("ok").asBoolean()).isTrue();
    assertThat(first.json().has("alreadyCancelled")).isFalse();
    var second = alice.post("/api/managed-agents/cancel", json("sessionId", id));
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("alreadyCancelled").asBoolean()).isTrue();

    List<JsonNode> events = Transcripts.readAll(alice, id);
    assertThat(Transcripts.types(events)).endsWith("status_idle", "status_terminated");
    assertThat(events.get(events.size() - 1).path("payload").path("reason").asString()).isEqualTo("cancelled");
    String stamped = events.get(events.size() - 1).path("occurredAt").asString();

    var message = alice.post("/api/managed-agents/message", json("sessionId", id, "text", "more"));
    assertThat(message.status()).isEqualTo(409);
    assertThat(message.json().path("error").asString()).isNotBlank();
    List<JsonNode> after = Transcripts.readAll(alice, id);
    assertThat(after).hasSize(events.size());
    assertThat(after.get(after.size() - 1).path("occurredAt").asString()).isEqualTo(stamped);

    JsonNode summary = alice.get("/api/managed-agents/sessions").json().path("sessions").get(0);
    assertThat(summary.path("status").asString()).isEqualTo("cancelled");
    String aliceId = alice.get("/api/auth/me").json().path("user").path("id").asString();
    JsonNode audit =
        admin().get("/api/admin/audit-log?type=session.cancelled&actor=" + aliceId).json().path("entries");
    assertThat(audit).hasSize(1); // the second, idempotent cancel writes nothing
    assertThat(audit.get(0).path("subject").asString()).isEqualTo(id);
    assertThat(summary.path("running").asBoolean()).isFalse();
    assertThat(Transcripts.page(alice, id, null).path("workflowRunId").isNull()).isTrue();
  }

  @Test
  void cancel_errors() {
    var alice = newMember();
    assertThat(alice.post("/api/managed-agents/cancel", "{}").status()).isEqualTo(400);
    assertThat(alice.post("/api/managed-agents/cancel", json("sessionId", "")).status()).isEqualTo(400);
    assertThat(alice.post("/api/managed-agents/cancel", json("sessionId", "12345")).json().path("error").asString())
        .isEqualTo("sessionId is malformed");
    assertThat(alice.post("/api/managed-agents/cancel", json("sessionId", UUID.randomUUID().toString())).status())
        .isEqualTo(404);
  }

  @Test
  void delete_removes_everything_and_the_id_becomes_unknown_everywhere() {
    var alice = newMember();
    String id = create(alice, "What is 5*5?");
    Transcripts.awaitIdle(alice, id, 1);

    var deleted = alice.delete("/api/managed-agents/session?sessionId=" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("ok").asBoolean()).isTrue();

    assertThat(alice.delete("/api/managed-agents/session?sessionId=" + id).status()).isEqualTo(404);
    assertThat(alice.get("/api/managed-agents/transcript?sessionId=" + id).status()).isEqualTo(404);
    assertThat(alice.post("/api/managed-agents/message", json("sessionId", id, "text", "x")).status()).isEqualTo(404);
    assertThat(alice.post("/api/managed-agents/cancel", json("sessionId", id)).status()).isEqualTo(404);
    assertThat(alice.get("/api/managed-agents/sessions").json().path("sessions")).isEmpty();
  }

  @Test
  void delete_errors() {
    var alice = newMember();
    assertThat(alice.delete("/api/managed-agents/session").json().path("error").asString())
        .isEqualTo("sessionId is required");
    assertThat(alice.delete("/api/managed-agents/session?sessionId=").status()).isEqualTo(400);
    assertThat(alice.delete("/api/managed-agents/session?sessionId=abc").json().path("error").asString())
        .isEqualTo("sessionId is malformed");
  }

  @Test
  void transcript_errors() {
    var alice = newMember();
    String id = create(alice, "hi");
    String other = create(alice, "there");
    Transcripts.awaitIdle(alice, other, 1);
    String otherEvent = Transcripts.readAll(alice, other).get(1).path("id").asString();

    assertThat(alice.get("/api/managed-agents/transcript").json().path("error").asString())
        .isEqualTo("sessionId is required");
    assertThat(alice.get("/api/managed-agents/transcript?sessionId=zzz").status()).isEqualTo(400);
    assertThat(alice.get("/api/managed-agents/transcript?sessionId=" + UUID.randomUUID()).status()).isEqualTo(404);
    var foreignCursor = alice.get("/api/managed-agents/transcript?sessionId=" + id + "&sinceEventId=" + otherEvent);
    assertThat(foreignCursor.status()).isEqualTo(400);
    assertThat(foreignCursor.json().path("error").asString()).contains("sinceEventId");
    assertThat(alice.get("/api/managed-agents/transcript?sessionId=" + id + "&sinceEventId=nonsense").status())
        .isEqualTo(400);
  }

  @Test
  void since_event_id_returns_only_later_events() {
    var alice = newMember();
    String id = create(alice, "What is 6*7?");
    List<JsonNode> all = Transcripts.awaitIdle(alice, id, 1);
    JsonNode after = Transcripts.page(alice, id, all.get(1).path("id").asString());
    assertThat(after.path("events")).hasSize(all.size() - 2);
    assertThat(after.path("events").get(0).path("id").asString()).isEqualTo(all.get(2).path("id").asString());
    JsonNode atEnd = Transcripts.page(alice, id, all.get(all.size() - 1).path("id").asString());
    assertThat(atEnd.path("events")).isEmpty();
    assertThat(atEnd.path("hasMore").asBoolean()).isFalse();
  }

  @Test
  void the_same_users_session_in_another_organisation_is_not_found_on_every_endpoint() {
    var alice = newMember();
    String id = create(alice, "belongs to the first organisation");
    Transcripts.awaitIdle(alice, id, 1);
    String aliceId = alice.get("/api/auth/me").json().path("user").path("id").asString();
    String first = alice.get("/api/auth/me").json().path("organisation").path("id").asString();
    var second = organisations.create("Second organisation", one.knoq.identity.Plan.BUSINESS);
    members.addExisting(second.id(), aliceId, one.knoq.identity.Role.MEMBER);

    var switched = alice.post("/api/auth/organisation", json("organisationId", second.id()));
    assertThat(switched.status()).isEqualTo(200);
    assertThat(switched.json().path("organisation").path("id").asString()).isEqualTo(second.id());

    assertThat(alice.get("/api/managed-agents/transcript?sessionId=" + id).status()).isEqualTo(404);
    assertThat(alice.post("/api/managed-agents/message", json("sessionId", id, "text", "x")).status()).isEqualTo(404);
    assertThat(alice.post("/api/managed-agents/cancel", json("sessionId", id)).status()).isEqualTo(404);
    assertThat(alice.delete("/api/managed-agents/session?sessionId=" + id).status()).isEqualTo(404);
    assertThat(alice.get("/api/managed-agents/sessions").json().path("sessions")).isEmpty();

    // back in the first organisation, the session is there and untouched
    assertThat(alice.post("/api/auth/organisation", json("organisationId", first)).status()).isEqualTo(200);
    assertThat(Transcripts.types(Transcripts.readAll(alice, id))).doesNotContain("status_terminated");
    assertThat(alice.get("/api/managed-agents/sessions").json().path("sessions")).hasSize(1);
  }

  @Test
  void another_users_session_is_not_found_on_every_endpoint() {
    var alice = newMember();
    var bob = newMember();
    String id = create(alice, "private");
    Transcripts.awaitIdle(alice, id, 1);

    assertThat(bob.get("/api/managed-agents/transcript?sessionId=" + id).status()).isEqualTo(404);
    assertThat(bob.post("/api/managed-agents/message", json("sessionId", id, "text", "x")).status()).isEqualTo(404);
    assertThat(bob.post("/api/managed-agents/cancel", json("sessionId", id)).status()).isEqualTo(404);
    assertThat(bob.delete("/api/managed-agents/session?sessionId=" + id).status()).isEqualTo(404);
    assertThat(bob.get("/api/managed-agents/sessions").json().path("sessions")).isEmpty();
    // and nothing happened to it
    assertThat(Transcripts.types(Transcripts.readAll(alice, id))).doesNotContain("status_terminated");
    assertThat(alice.get("/api/managed-agents/sessions").json().path("sessions")).hasSize(1);
  }
}
