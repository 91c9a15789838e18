package one.knoq.agent.backend;

import org.jspecify.annotations.Nullable;

/**
 * How far a history import got.
 *
 * @param complete true when every remote event was listed and imported; false means the import
 *     stopped at a failure and the transcript should report {@code backfillFailed}
 * @param resumeFrom when incomplete, the opaque cursor to pass to the next {@code backfill} call so
 *     it continues at the page that failed (re-importing is harmless: imports are idempotent)
 * @param imported how many events this call newly appended
 */
public record BackfillResult(boolean complete, @Nullable String resumeFrom, int imported) {

  /** Nothing to import: the backend keeps no remote log. */
  public static final BackfillResult COMPLETE = new BackfillResult(true, null, 0);
}
