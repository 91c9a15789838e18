package one.knoq.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads transcripts the way a polling client does. */
public final class Transcripts {

  private Transcripts() {}

  /** Every event of the session, following the cursor page by page. */
  public static List<JsonNode> readAll(ApiClient client, String sessionId) {
    var events = new ArrayList<JsonNode>();
    String cursor = null;
    while (true) {
      var page = page(client, sessionId, cursor);
      page.path("events").forEach(events::add);
      if (!page.path("events").isEmpty()) {
        cursor = events.get(events.size() - 1).path("id").asString();
      }
      if (!page.path("hasMore").asBoolean()) {
        return events;
      }
    }
  }

  /**
   * Polls the transcript as a client does while {@code writing} is true, then drains what is left:
   * every event it saw, in the order it saw them.
   */
  public static List<JsonNode> pollWhile(
      ApiClient client, String sessionId, java.util.function.BooleanSupplier writing) {
    var seen = new ArrayList<JsonNode>();
    String cursor = null;
    while (true) {
      boolean finalRound = !writing.getAsBoolean();
      JsonNode page = page(client, sessionId, cursor);
      page.path("events").forEach(seen::add);
      if (!seen.isEmpty()) {
        cursor = seen.get(seen.size() - 1).path("id").asString();
      }
      if (finalRound && !page.path("hasMore").asBoolean()) {
        return seen;
      }
    }
  }

  public static JsonNode page(ApiClient client, String sessionId, String sinceEventId) {
    var r =
        client.get(
            "/api/managed-agents/transcript?sessionId="
                + sessionId
                + (sinceEventId == null ? "" : "&sinceEventId=" + sinceEventId));
    if (r.status() != 200) {
      throw new AssertionError("transcript failed: " + r);
    }
    return r.json();
  }

  /** Waits until no run is active and the session has answered {@code turns} turns. */
  public static List<JsonNode> awaitIdle(ApiClient client, String sessionId, int turns) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              JsonNode page = page(client, sessionId, null);
              return page.path("workflowRunId").isNull()
                  && types(readAll(client, sessionId)).stream().filter("status_idle"::equals).count()
                      >= turns;
            });
    return readAll(client, sessionId);
  }

  public static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asString()).toList();
  }

  /** The text of each agent_message, in order. */
  public static List<String> agentTexts(List<JsonNode> events) {
    return events.stream()
        .filter(e -> "agent_message".equals(e.path("type").asString()))
        .map(e -> e.path("payload").path("content").get(0).path("text").asString())
        .toList();
  }
}
