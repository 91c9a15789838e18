package one.knoq.agent.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Drains this node's turns first on shutdown, while the web server still answers (503 + Retry-After
 * from the draining filter): the scheduler stops claiming, lets running turns finish for up to
 * {@code db-scheduler.shutdown-max-wait}, then interrupts the rest, which are handed to other nodes
 * at once. The web server stops only afterwards (its graceful-shutdown phase is lower).
 *
 * <p>A context that is only stopped, not closed (Spring's test framework pauses cached contexts
 * between test classes), pauses claiming instead and resumes when started again: a stopped
 * scheduler cannot be restarted.
 */
@Component
class TurnDrain implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(TurnDrain.class);

  private final ObjectProvider<Scheduler> scheduler;
  private volatile boolean running;
  private volatile boolean closing;
  private volatile boolean paused;

  TurnDrain(ObjectProvider<Scheduler> scheduler) {
    this.scheduler = scheduler;
  }

  /** Published before the lifecycle stops: this stop is the node's shutdown, not a pause. */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    closing = true;
  }

  @Override
  public void start() {
    Scheduler s = scheduler.getIfAvailable();
    if (s != null && paused) {
      s.resume();
      paused = false;
    }
    running = true;
  }

  @Override
  public void stop() {
    Scheduler s = scheduler.getIfAvailable();
    if (s != null && running) {
      if (closing) {
        LOG.info("draining: no new turns are taken; running turns finish or are handed over");
        s.stop(); // a second stop() when the bean is destroyed is a no-op
      } else {
        s.pause();
        paused = true;
      }
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE; // first to stop, before the web server's graceful shutdown
  }
}
