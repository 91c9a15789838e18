package one.knoq.agent.backend;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The cancellation signal of one running turn. The runner cancels it when the session is cancelled
 * or deleted (on any node); backends poll it between steps, wait on it instead of sleeping, and
 * register callbacks that abort upstream calls.
 */
public final class Cancellation {

  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  /** Cancels once; runs every registered callback. */
  public void cancel() {
    if (isCancelled()) {
      return;
    }
    cancelled.countDown();
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (RuntimeException ignored) {
        // aborting an upstream call is best effort; the turn stops writing regardless
      }
    }
  }

  /** Runs {@code callback} on cancellation, at once if already cancelled. */
  public void onCancel(Runnable callback) {
    callbacks.add(callback);
    if (isCancelled()) {
      callback.run();
    }
  }

  /**
   * Waits for {@code duration} unless cancelled first.
   *
   * @return true when the wait ended because of cancellation
   */
  public boolean await(Duration duration) throws InterruptedException {
    return cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Throws {@link TurnEvents.TurnAborted} when cancelled; for checks between steps. */
  public void throwIfCancelled() {
    if (isCancelled()) {
      throw new TurnEvents.TurnAborted("turn cancelled");
    }
  }
}
