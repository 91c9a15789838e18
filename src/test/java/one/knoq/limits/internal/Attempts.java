package one.knoq.limits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import one.knoq.web.ApiException;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs limit checks the way callers do: each in its own transaction, alone or racing. */
final class Attempts {

  private final TransactionTemplate transactions;

  Attempts(TransactionTemplate transactions) {
    this.transactions = transactions;
  }

  /** Runs {@code check} in a committed transaction; returns the 429/403 it threw, or null. */
  ApiException.TooManyRequests refusalOf(Runnable check) {
    try {
      transactions.executeWithoutResult(status -> check.run());
      return null;
    } catch (ApiException.TooManyRequests e) {
      return e;
    }
  }

  void admitted(Runnable check) {
    assertThat(refusalOf(check)).as("refusal").isNull();
  }

  ApiException.TooManyRequests refused(Runnable check) {
    var refusal = refusalOf(check);
    assertThat(refusal).as("refusal").isNotNull();
    return refusal;
  }

  /** Runs {@code check} and then rolls its transaction back. */
  void rolledBack(Runnable check) {
    transactions.executeWithoutResult(
        status -> {
          check.run();
          status.setRollbackOnly();
        });
  }

  /** Starts {@code threads} attempts at once; returns how many were admitted (the rest refused). */
  int race(int threads, Runnable check) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var start = new CountDownLatch(1);
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Boolean> attempt =
            () -> {
              start.await();
              return refusalOf(check) == null;
            };
        outcomes.add(pool.submit(attempt));
      }
      start.countDown();
      int admitted = 0;
      for (Future<Boolean> outcome : outcomes) {
        if (outcome.get(60, TimeUnit.SECONDS)) {
          admitted++;
        }
      }
      return admitted;
    } finally {
      pool.shutdownNow();
    }
  }
}
