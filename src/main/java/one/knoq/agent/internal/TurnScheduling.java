package one.knoq.agent.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        .onFailure(new HandOverOrRetryLater())
        .onDeadExecutionRevive()
        .execute((instance, context) -> runner.run(instance.getId()));
  }

  /**
   * A turn interrupted because this node stops is un-picked at once, due now, so that another node
   * takes it at its next poll instead of after the heartbeat lease. Any other failure means the
   * database was unreachable mid-turn: try again shortly.
   */
  static final class HandOverOrRetryLater implements FailureHandler<Void> {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
      boolean handOver =
          complete.getCause().filter(TurnRunner.StoppedByShutdown.class::isInstance).isPresent();
      // the interrupt that stopped the turn must not also fail the database write that hands it over
      boolean interrupted = Thread.interrupted();
      try {
        Instant next = handOver ? Instant.now() : complete.getTimeDone().plus(RETRY_AFTER);
        operations.reschedule(complete, next);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
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
