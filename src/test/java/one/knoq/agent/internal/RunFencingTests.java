package one.knoq.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.Cancellation;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node whose claim on a run lapsed (its lease ran out and another node revived the run) can no
 * longer write: appends are fenced by the run's attempt number, not only by its id.
 */
class RunFencingTests extends ServerTest {

  @Autowired SessionStore sessions;
  @Autowired EventLog log;
  @Autowired RunStore runs;
  @Autowired Payloads payloads;
  @Autowired TransactionTemplate tx;

  @Test
  void an_earlier_claim_of_a_revived_run_cannot_append() {
    String sessionId = Ids.newSessionId();
    String runId = Ids.newRunId();
    tx.executeWithoutResult(
        s -> {
          var session =
              new SessionRow(sessionId, "org", "user", "t", SessionStatus.RUNNING, runId, null, false, 0, 0, null, 0, 0);
          sessions.insert(session);
          log.append(session, List.of(new EventLog.NewEvent(EventType.USER_MESSAGE, payloads.text("hi"), null)));
          runs.insert(runId, sessionId, 0, 0);
          runs.start(runId, 0); // first claim: attempt 1
          runs.start(runId, 0); // revived elsewhere: attempt 2
        });

    var lapsed = new RunSink(sessionId, runId, 1, new Cancellation(), sessions, log, runs, payloads, tx);
    var current = new RunSink(sessionId, runId, 2, new Cancellation(), sessions, log, runs, payloads, tx);

    assertThatThrownBy(() -> lapsed.append(EventType.AGENT_MESSAGE, (tools.jackson.databind.node.ObjectNode) payloads.parse(payloads.text("stale"))))
        .isInstanceOf(TurnEvents.TurnAborted.class);
    current.append(EventType.AGENT_MESSAGE, (tools.jackson.databind.node.ObjectNode) payloads.parse(payloads.text("fresh")));

    assertThat(log.all(sessionId)).extracting(EventLog.StoredEvent::payload).containsExactly(
        payloads.text("hi"), payloads.text("fresh"));
  }
}
