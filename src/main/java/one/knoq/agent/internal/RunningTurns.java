package one.knoq.agent.internal;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import one.knoq.agent.backend.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The turns running on this node, with their cancellation signals. A cancel or delete handled on
 * this node signals at once; one handled on another node is noticed by a short poll of the runs'
 * states, well within the contract's 2 seconds.
 */
@Component
class RunningTurns {

  private static final Logger LOG = LoggerFactory.getLogger(RunningTurns.class);

  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
  private final RunStore runs;
  private final ScheduledExecutorService watcher;

  RunningTurns(RunStore runs, AgentSettings settings) {
    this.runs = runs;
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              var t = new Thread(r, "knoq-cancel-watcher");
              t.setDaemon(true);
              return t;
            });
    long period = settings.cancelPollInterval().toMillis();
    watcher.scheduleWithFixedDelay(this::pollCancellations, period, period, TimeUnit.MILLISECONDS);
  }

  Cancellation register(String runId) {
    return running.computeIfAbsent(runId, id -> new Cancellation());
  }

  void unregister(String runId) {
    running.remove(runId);
  }

  /** Signals a run cancelled on this node, if it runs here. */
  void cancelLocal(String runId) {
    Cancellation c = running.get(runId);
    if (c != null) {
      c.cancel();
    }
  }

  int count() {
    return running.size();
  }

  private void pollCancellations() {
    if (running.isEmpty()) {
      return;
    }
    try {
      for (String runId : runs.stopped(new ArrayList<>(running.keySet()))) {
        cancelLocal(runId);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not check running turns for cancellation: {}", e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    watcher.shutdownNow();
  }
}
