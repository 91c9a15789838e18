package one.knoq.agent.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;
import one.knoq.identity.Principal;
import one.knoq.web.ApiException;
import one.knoq.web.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The read side: the session list and the transcript, always scoped to the caller. */
@Service
class SessionQueries {

  static final int LIST_LIMIT = 50;
  static final int PAGE_SIZE = 500;

  private final SessionStore sessions;
  private final EventLog log;
  private final HistoryImports imports;

  SessionQueries(SessionStore sessions, EventLog log, HistoryImports imports) {
    this.sessions = sessions;
    this.log = log;
    this.imports = imports;
  }

  record Summary(
      String id, String title, String createdAt, String updatedAt, String status, boolean running) {}

  record EventView(String id, String type, String occurredAt, @JsonRawValue String payload) {}

  record Transcript(
      String title,
      @Nullable String workflowRunId,
      List<EventView> events,
      boolean hasMore,
      boolean backfillFailed) {}

  List<Summary> list(Principal principal) {
    return sessions.listOwned(principal.organisationId(), principal.userId(), LIST_LIMIT).stream()
        .map(
            s ->
                new Summary(
                    s.id(),
                    s.title(),
                    Timestamps.format(s.createdAt()),
                    Timestamps.format(s.updatedAt()),
                    s.status().wire(),
                    s.workflowRunId() != null))
        .toList();
  }

  Transcript transcript(Principal principal, String sessionId, @Nullable String sinceEventId) {
    // the session is read before the events: a null workflowRunId then implies its closing event
    // is already visible to the events read
    SessionRow session =
        sessions
            .findOwned(sessionId, principal.organisationId(), principal.userId())
            .orElseThrow(() -> new ApiException.NotFound("session not found"));
    imports.resume(session);
    List<EventLog.StoredEvent> page = log.page(sessionId, sinceEventId, PAGE_SIZE + 1);
    if (page == null) {
      throw new ApiException.BadRequest("sinceEventId is not an event of this session");
    }
    boolean hasMore = page.size() > PAGE_SIZE;
    List<EventView> events =
        page.subList(0, Math.min(page.size(), PAGE_SIZE)).stream()
            .map(e -> new EventView(e.id(), e.type(), Timestamps.format(e.occurredAt()), e.payload()))
            .toList();
    return new Transcript(
        session.title(), session.workflowRunId(), events, hasMore, session.backfillFailed());
  }
}
