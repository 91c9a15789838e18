package one.knoq.agent.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns run as db-scheduler one-time tasks, one task instance per run id: the scheduler gives
 * cluster-safe claiming, heartbeats and revival of executions whose node died. A run is scheduled
 * in the same transaction that creates it, and this node is woken right after that commits.
 */
@Configuration(proxyBeanMethods = false)
class TurnScheduling {

  static final TaskDescriptor<Void> AGENT_TURN = TaskDescriptor.of("agent-turn");

  @Bean
  OneTimeTask<Void> agentTurnTask(@Lazy TurnRunner runner) {
    return Tasks.oneTime(AGENT_TURN)
        // a failure here means the database was unreachable mid-turn: try again shortly
        .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(2)))
        .onDeadExecutionRevive()
        .execute((instance, context) -> runner.run(instance.getId()));
  }

  @Bean
  TurnQueue turnQueue(ObjectProvider<Scheduler> scheduler, Clock clock) {
    return new TurnQueue(scheduler, clock);
  }

  /** Schedules runs; must be called inside the transaction that creates the run. */
  static final class TurnQueue {
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;

    TurnQueue(ObjectProvider<Scheduler> scheduler, Clock clock) {
      this.scheduler = scheduler;
      this.clock = clock;
    }

    void schedule(String runId) {
      Scheduler s = scheduler.getObject();
      s.scheduleIfNotExists(AGENT_TURN.instance(runId).scheduledTo(clock.instant()));
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                s.triggerCheckForDueExecutions();
              }
            });
      } else {
        s.triggerCheckForDueExecutions();
      }
    }
  }
}
