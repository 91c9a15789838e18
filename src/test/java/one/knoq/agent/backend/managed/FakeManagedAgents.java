package one.knoq.agent.backend.managed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import one.knoq.agent.backend.http.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback Managed Agents API for one remote session: {@code POST /v1/sessions}, {@code POST
 * /v1/sessions/{id}/events} and {@code GET /v1/sessions/{id}/events?limit&order&page} with {@code
 * {data, next_page}} pages. A user message appends its receipt to the log, and the scripted reply
 * appears after {@code replyAfterPolls} list calls, as a remote agent that takes a while.
 */
final class FakeManagedAgents extends Dispatcher {

  static final String SESSION = "sesn_01";

  final List<JsonNode> log = new CopyOnWriteArrayList<>();
  final List<JsonNode> received = new CopyOnWriteArrayList<>();
  final List<String> scriptedReply = new CopyOnWriteArrayList<>();
  /** Offsets whose list call answers 500. */
  final Set<Integer> failingOffsets = ConcurrentHashMap.newKeySet();
  volatile int replyAfterPolls = 1;
  private final AtomicInteger listCalls = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile int replyDueAt = -1;

  /** Appends a remote event, given without id and processed_at; returns its id. */
  String add(String json) {
    ObjectNode event = (ObjectNode) Json.read(json);
    String id = "sevt_" + ids.incrementAndGet();
    var ordered = Json.object().put("id", id);
    ordered.setAll(event);
    ordered.put("processed_at", "2026-05-20T10:15:0" + (ids.get() % 10) + ".123Z");
    log.add(ordered);
    return id;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (request.getMethod().equals("POST") && path.equals("/v1/sessions")) {
      return json(200, "{\"id\":\"" + SESSION + "\",\"type\":\"session\",\"status\":\"idle\"}");
    }
    if (!path.equals("/v1/sessions/" + SESSION + "/events")) {
      return json(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no\"}}");
    }
    if (request.getMethod().equals("POST")) {
      JsonNode body = Json.read(request.getBody().utf8());
      var receipts = Json.array();
      for (JsonNode event : body.path("events")) {
        received.add(event);
        if (event.path("type").asString().equals("user.message")) {
          String id = add(Json.write(event));
          receipts.add(log.get(log.size() - 1));
          replyDueAt = listCalls.get() + replyAfterPolls;
          assert id != null;
        }
      }
      var answer = Json.object();
      answer.set("data", receipts);
      return json(200, Json.write(answer));
    }
    return list(request);
  }

  private synchronized MockResponse list(RecordedRequest request) {
    int call = listCalls.incrementAndGet();
    if (replyDueAt >= 0 && call > replyDueAt) {
      replyDueAt = -1;
      for (String event : scriptedReply) {
        add(event);
      }
    }
    int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
    String page = request.getUrl().queryParameter("page");
    int offset = page == null ? 0 : Integer.parseInt(page.substring(1));
    if (failingOffsets.contains(offset)) {
      return json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"list failed\"}}");
    }
    List<JsonNode> slice = new ArrayList<>(log.subList(Math.min(offset, log.size()), Math.min(offset + limit, log.size())));
    var answer = Json.object();
    var data = answer.putArray("data");
    slice.forEach(data::add);
    if (offset + limit < log.size()) {
      answer.put("next_page", "o" + (offset + limit));
    } else {
      answer.putNull("next_page");
    }
    return json(200, Json.write(answer));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
