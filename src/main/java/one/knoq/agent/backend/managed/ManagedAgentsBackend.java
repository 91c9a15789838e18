package one.knoq.agent.backend.managed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.AgentBackend;
import one.knoq.agent.backend.BackendUnavailable;
import one.knoq.agent.backend.BackfillResult;
import one.knoq.agent.backend.Cancellation;
import one.knoq.agent.backend.HistoryEvent;
import one.knoq.agent.backend.StopReason;
import one.knoq.agent.backend.Turn;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.TurnOutcome;
import one.knoq.agent.backend.http.HttpSettings;
import one.knoq.agent.backend.http.Json;
import one.knoq.agent.backend.http.PriceTable;
import one.knoq.agent.backend.http.PricingSettings;
import one.knoq.agent.backend.http.UpstreamCalls;
import one.knoq.agent.backend.http.UpstreamClient;
import one.knoq.agent.backend.http.UpstreamFailure;
import one.knoq.agent.backend.http.UpstreamRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Managed Agents run the agent loop: a Knoq session is a remote session, a user message
 * is a remote {@code user.message} event, and a turn imports the remote event log (idempotently, by
 * remote event id) until the remote session goes idle or terminates.
 */
@Component
@ConditionalOnProperty(name = "knoq.agent.backend", havingValue = "anthropic-managed")
public class ManagedAgentsBackend implements AgentBackend {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedAgentsBackend.class);

  private final ManagedAgentsSettings settings;
  private final UpstreamClient client;
  private final PriceTable prices;
  private final Clock clock;
  private final String base;
  private final Map<String, String> headers;

  public ManagedAgentsBackend(
      ManagedAgentsSettings settings, HttpSettings http, PricingSettings pricing, Clock clock) {
    if (settings.apiKey().isBlank() || settings.agentId().isBlank() || settings.environmentId().isBlank()) {
      throw new IllegalStateException(
          "KNOQ_AGENT_BACKEND=anthropic-managed needs KNOQ_ANTHROPIC_API_KEY, KNOQ_ANTHROPIC_AGENT_ID "
              + "and KNOQ_ANTHROPIC_ENVIRONMENT_ID");
    }
    this.settings = settings;
    this.client = new UpstreamClient("Anthropic Managed Agents", http, clock);
    this.prices = PriceTable.of(pricing);
    this.clock = clock;
    this.base = settings.baseUrl().replaceAll("/+$", "");
    this.headers =
        Map.of(
            "x-api-key", settings.apiKey(),
            "anthropic-version", settings.apiVersion(),
            "anthropic-beta", settings.betaHeader());
  }

  @Override
  public String name() {
    return "anthropic-managed";
  }

  @Override
  public String openSession(String sessionId, String title) {
    var body = Json.object().put("agent", settings.agentId()).put("environment_id", settings.environmentId());
    body.put("title", title);
    body.putObject("metadata").put("knoq_session_id", sessionId);
    try {
      String id =
          client.forSynchronousCall()
              .call(post("/v1/sessions", body), answer -> required(answer, "id", "session"));
      LOG.info("Opened remote session {} for session {}", id, sessionId);
      return id;
    } catch (UpstreamFailure e) {
      throw new BackendUnavailable("could not open a Managed Agents session: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailable("interrupted while opening a Managed Agents session", e);
    }
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnEvents events) throws InterruptedException {
    String remote = turn.remoteSessionId();
    if (remote == null) {
      return new TurnOutcome.Failed(
          "internal_error", "this session has no remote Managed Agents session", false, StopReason.END_TURN);
    }
    UpstreamCalls calls = client.forTurn(turn.cancellation());
    String text = turn.userText();
    try {
      var send = Json.object();
      send.putArray("events").add(RemoteEvents.userMessage(text));
      String receipt = calls.call(post(eventsPath(remote), send), a -> a.path("data").path(0).path("id").asString(""));
      return follow(turn, events, calls, remote, new Anchor(receipt, text, occurrences(turn, text)));
    } catch (UpstreamFailure failure) {
      return failure.outcome();
    }
  }

  /** Lists the remote log, importing as it goes, until the idle or termination after our message. */
  private TurnOutcome follow(Turn turn, TurnEvents events, UpstreamCalls calls, String remote, Anchor anchor)
      throws UpstreamFailure, InterruptedException {
    Cancellation cancellation = turn.cancellation();
    Instant deadline = clock.instant().plus(settings.turnTimeout());
    Set<String> seen = new HashSet<>();
    String cursor = null;
    while (true) {
      JsonNode page = calls.call(list(remote, cursor), RemoteEvents::requirePage);
      for (JsonNode event : page.path("data")) {
        String id = event.path("id").asString("");
        if (id.isEmpty() || !seen.add(id)) {
          continue;
        }
        if (anchor.passes(event)) {
          continue;
        }
        TurnOutcome end = handle(event, id, events, anchor.reached());
        if (end != null) {
          return end;
        }
      }
      String next = page.path("next_page").asString("");
      if (!next.isEmpty()) {
        cursor = next;
        continue;
      }
      // the last page: poll it again (the cursor stays put) until the turn's end shows up
      if (clock.instant().isAfter(deadline)) {
        return new TurnOutcome.Failed(
            "timeout",
            "the remote session did not go idle within " + settings.turnTimeout().toMinutes() + " minutes",
            true,
            StopReason.END_TURN);
      }
      if (cancellation.await(settings.pollInterval())) {
        cancellation.throwIfCancelled();
      }
    }
  }

  /** Imports one remote event; returns the turn's outcome when it ends the turn. */
  private @Nullable TurnOutcome handle(JsonNode event, String id, TurnEvents events, boolean ours) {
    RemoteEvents.Mapping mapping = RemoteEvents.of(event);
    if (mapping instanceof RemoteEvents.Imported imported) {
      ObjectNode payload = events.newPayload();
      imported.fill().accept(event, payload);
      events.appendRemote(imported.type(), payload, id);
      return null;
    }
    if (!ours || !(mapping instanceof RemoteEvents.Control control)) {
      return null; // unknown types, and idles of earlier turns, are skipped
    }
    return switch (control) {
      case IDLE -> new TurnOutcome.Completed(RemoteEvents.stopReason(event));
      case TERMINATED -> new TurnOutcome.Terminated("failed");
      case USAGE -> {
        JsonNode usage = event.path("model_usage");
        events.addUsage(
            prices.usage(settings.model(), usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0)));
        yield null;
      }
    };
  }

  /** Interrupts the remote session with a {@code user.interrupt} event. Best effort, never throws. */
  @Override
  public void cancelRemote(@Nullable String remoteSessionId) {
    if (remoteSessionId == null) {
      return;
    }
    var body = Json.object();
    body.putArray("events").addObject().put("type", "user.interrupt");
    try {
      client.forSynchronousCall().call(post(eventsPath(remoteSessionId), body), answer -> answer);
    } catch (UpstreamFailure e) {
      LOG.warn("Could not interrupt remote session {}: {}", remoteSessionId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Imports a remote session's history page by page into {@code sink}: messages, tool uses and
   * results, errors (status events are the runner's and are not imported). Each page is retried
   * within the HTTP budget; a page that still fails stops the import, and the result says where to
   * resume.
   *
   * @param resumeFrom null to start at the beginning, or {@link BackfillResult#resumeFrom()} of an
   *     earlier incomplete import
   */
  @Override
  public BackfillResult importHistory(
      String remoteSessionId, @Nullable String resumeFrom, TurnEvents sink)
      throws InterruptedException {
    return backfill(remoteSessionId, resumeFrom, sink);
  }

  public BackfillResult backfill(String remoteSessionId, @Nullable String resumeFrom, TurnEvents sink)
      throws InterruptedException {
    UpstreamCalls calls = client.forTurn(new Cancellation());
    String cursor = resumeFrom;
    int imported = 0;
    while (true) {
      JsonNode page;
      try {
        page = calls.call(list(remoteSessionId, cursor), RemoteEvents::requirePage);
      } catch (UpstreamFailure e) {
        LOG.warn("History import of remote session {} stopped: {}", remoteSessionId, e.getMessage());
        return new BackfillResult(false, cursor == null ? "" : cursor, imported);
      }
      for (JsonNode event : page.path("data")) {
        String id = event.path("id").asString("");
        if (!id.isEmpty() && RemoteEvents.of(event) instanceof RemoteEvents.Imported mapping) {
          ObjectNode payload = sink.newPayload();
          mapping.fill().accept(event, payload);
          if (sink.appendRemote(mapping.type(), payload, id)) {
            imported++;
          }
        }
      }
      String next = page.path("next_page").asString("");
      if (next.isEmpty()) {
        return new BackfillResult(true, null, imported);
      }
      cursor = next;
    }
  }

  private static int occurrences(Turn turn, String text) {
    int n = 0;
    for (HistoryEvent e : turn.history()) {
      if (e.type() == EventType.USER_MESSAGE && e.text().equals(text)) {
        n++;
      }
    }
    return Math.max(n, 1);
  }

  private UpstreamRequest post(String path, JsonNode body) {
    return UpstreamRequest.post(URI.create(base + path), headers, Json.write(body));
  }

  private UpstreamRequest list(String remote, @Nullable String cursor) {
    String query = "?limit=" + settings.pageSize() + "&order=asc";
    if (cursor != null && !cursor.isEmpty()) {
      query += "&page=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }
    return UpstreamRequest.get(URI.create(base + eventsPath(remote) + query), headers);
  }

  private static String eventsPath(String remote) {
    return "/v1/sessions/" + URLEncoder.encode(remote, StandardCharsets.UTF_8) + "/events";
  }

  private static String required(JsonNode answer, String field, String what) {
    String value = answer.path(field).asString("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " without " + field);
    }
    return value;
  }

  /**
   * Finds our user.message in the remote log: by the id the send answered with, or else as the
   * n-th remote user.message with our text (n = how often the session's history holds that text).
   * Idle and termination events count only after it, so an earlier turn's idle never ends this one.
   */
  private static final class Anchor {
    private final String receiptId;
    private final String text;
    private final int occurrence;
    private int matched;
    private boolean reached;

    Anchor(String receiptId, String text, int occurrence) {
      this.receiptId = receiptId;
      this.text = text;
      this.occurrence = occurrence;
    }

    /** True when {@code event} is a remote user message (never imported: ours is in our log). */
    boolean passes(JsonNode event) {
      if (!"user.message".equals(event.path("type").asString(""))) {
        return false;
      }
      boolean sameText = new HistoryEvent(EventType.USER_MESSAGE, event).text().equals(text);
      if (!reached && sameText) {
        matched++;
      }
      if (!reached
          && ((!receiptId.isEmpty() && receiptId.equals(event.path("id").asString(""))) || matched >= occurrence)) {
        reached = true;
      }
      return true;
    }

    boolean reached() {
      return reached;
    }
  }
}
