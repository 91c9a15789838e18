package one.knoq.agent.internal;

import java.time.Clock;
import java.util.List;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.AgentBackend;
import one.knoq.agent.backend.BackendUnavailable;
import one.knoq.audit.AuditLog;
import one.knoq.identity.Organisations;
import one.knoq.identity.Principal;
import one.knoq.limits.Quotas;
import one.knoq.limits.RateLimit;
import one.knoq.limits.RateLimiter;
import one.knoq.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a client asks of its sessions: create, message, cancel, delete. Each command is one
 * transaction that checks in the contract's order (lookup 404, plan 403, state 409, rate limit
 * 429, quota 429) before acting, so a refused request changes and consumes nothing.
 */
@Service
class SessionCommands {

  private static final Logger LOG = LoggerFactory.getLogger(SessionCommands.class);
  static final int MAX_TEXT_CODE_POINTS = 100_000;

  private final SessionStore sessions;
  private final EventLog log;
  private final RunStore runs;
  private final Payloads payloads;
  private final AgentBackend backend;
  private final RunningTurns running;
  private final TurnScheduling.TurnQueue queue;
  private final Organisations organisations;
  private final RateLimiter rateLimiter;
  private final Quotas quotas;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  SessionCommands(
      SessionStore sessions,
      EventLog log,
      RunStore runs,
      Payloads payloads,
      AgentBackend backend,
      RunningTurns running,
      TurnScheduling.TurnQueue queue,
      Organisations organisations,
      RateLimiter rateLimiter,
      Quotas quotas,
      AuditLog audit,
      TransactionTemplate tx,
      Clock clock) {
    this.sessions = sessions;
    this.log = log;
    this.runs = runs;
    this.payloads = payloads;
    this.backend = backend;
    this.running = running;
    this.queue = queue;
    this.organisations = organisations;
    this.rateLimiter = rateLimiter;
    this.quotas = quotas;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  record Created(String id, String runId, boolean noConnectors) {}

  /** The message text rule: a non-blank string of at most 100,000 code points. */
  static String validText(String text) {
    if (text.codePointCount(0, text.length()) > MAX_TEXT_CODE_POINTS) {
      throw new ApiException.BadRequest("text must be at most 100000 characters");
    }
    return text;
  }

  Created create(Principal principal, String text) {
    requirePlanAllowsQueries(principal);
    String id = Ids.newSessionId();
    String title = Titles.of(text);
    // the backend's own session (if any) is opened before the transaction: a slow or unreachable
    // backend must not hold the user's rate-limit lock or the organisation's quota row meanwhile
    String remote = openRemote(id, title);
    Created created;
    try {
      created =
          tx.execute(
              status -> {
                rateLimiter.admit(principal.userId(), RateLimit.SESSION_CREATE);
                quotas.admitQuery(principal.organisationId());
                long now = clock.millis();
                String runId = Ids.newRunId();
                var session =
                    new SessionRow(id, principal.organisationId(), principal.userId(), title,
                        SessionStatus.RUNNING, runId, remote, false, 0, now, null, now, now);
                sessions.insert(session);
                log.append(session, List.of(new EventLog.NewEvent(EventType.USER_MESSAGE, payloads.text(text), null)));
                runs.insert(runId, id, 0, now);
                queue.schedule(runId);
                return new Created(id, runId, true);
              });
    } catch (RuntimeException refused) {
      if (remote != null) {
        // refused (429) or failed after the remote session opened: nothing of ours refers to it
        stopRemote(id, remote);
      }
      throw refused;
    }
    LOG.info("session {} created by user {}", created.id(), principal.userId());
    return created;
  }

  private void stopRemote(String sessionId, String remote) {
    try {
      backend.cancelRemote(remote);
    } catch (RuntimeException e) {
      LOG.warn("could not interrupt the remote session of {}: {}", sessionId, e.getMessage());
    }
  }

  private @Nullable String openRemote(String sessionId, String title) {
    try {
      return backend.openSession(sessionId, title);
    } catch (BackendUnavailable e) {
      LOG.warn("agent backend {} could not open a session: {}", backend.name(), e.getMessage());
      throw new ApiException.UpstreamFailed("the agent backend could not be reached; nothing was created");
    }
  }

  void message(Principal principal, String sessionId, String text) {
    tx.executeWithoutResult(
        status -> {
          SessionRow session = lockOwned(principal, sessionId);
          requirePlanAllowsQueries(principal);
          if (!session.acceptsMessages()) {
            throw new ApiException.Conflict(
                session.status() == SessionStatus.CANCELLED
                    ? "the session was cancelled and accepts no more messages"
                    : "the session has ended and accepts no more messages");
          }
          rateLimiter.admit(principal.userId(), RateLimit.MESSAGE);
          quotas.admitQuery(principal.organisationId());
          List<EventLog.StoredEvent> appended =
              log.append(session, List.of(new EventLog.NewEvent(EventType.USER_MESSAGE, payloads.text(text), null)));
          if (session.workflowRunId() == null) {
            String runId = Ids.newRunId();
            runs.insert(runId, session.id(), appended.get(0).seq(), clock.millis());
            sessions.setRun(session.id(), SessionStatus.RUNNING, runId);
            queue.schedule(runId);
          }
        });
  }

  /** @return true when the session was already cancelled (or had ended) before this request */
  boolean cancel(Principal principal, String sessionId) {
    SessionRow before =
        tx.execute(
            status -> {
              SessionRow session = lockOwned(principal, sessionId);
              rateLimiter.admit(principal.userId(), RateLimit.CANCEL);
              if (!session.acceptsMessages()) {
                return null;
              }
              long now = clock.millis();
              log.append(
                  session,
                  List.of(new EventLog.NewEvent(
                      EventType.STATUS_TERMINATED, payloads.statusTerminated("cancelled"), session.workflowRunId())));
              sessions.markCancelled(session.id(), now);
              runs.cancelActive(session.id(), now);
              audit.record(
                  principal.organisationId(),
                  "session.cancelled",
                  principal.userId(),
                  session.id(),
                  java.util.Map.of("title", session.title()));
              return session;
            });
    if (before == null) {
      return true;
    }
    stopInFlight(before);
    LOG.info("session {} cancelled by user {}", sessionId, principal.userId());
    return false;
  }

  void delete(Principal principal, String sessionId) {
    SessionRow deleted =
        tx.execute(
            status -> {
              SessionRow session = lockOwned(principal, sessionId);
              runs.cancelActive(session.id(), clock.millis());
              log.deleteSession(session.id());
              runs.deleteSession(session.id());
              sessions.delete(session.id());
              return session;
            });
    stopInFlight(deleted);
    LOG.info("session {} deleted by user {}", sessionId, principal.userId());
  }

  private void stopInFlight(SessionRow session) {
    if (session.workflowRunId() != null) {
      running.cancelLocal(session.workflowRunId());
      if (session.remoteSessionId() != null) {
        stopRemote(session.id(), session.remoteSessionId());
      }
    }
  }

  private SessionRow lockOwned(Principal principal, String sessionId) {
    return sessions
        .lockOwned(sessionId, principal.organisationId(), principal.userId())
        .orElseThrow(() -> new ApiException.NotFound("session not found"));
  }

  private void requirePlanAllowsQueries(Principal principal) {
    boolean allowed =
        organisations
            .find(principal.organisationId())
            .map(o -> o.plan().allowsQueries())
            .orElse(false);
    if (!allowed) {
      throw new ApiException.Forbidden("Your organisation's plan does not allow new sessions");
    }
  }
}
