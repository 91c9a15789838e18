package one.knoq.agent.internal;

import org.jspecify.annotations.Nullable;

/** One row of agent_sessions. */
record SessionRow(
    String id,
    String organisationId,
    String userId,
    String title,
    SessionStatus status,
    @Nullable String workflowRunId,
    @Nullable String remoteSessionId,
    boolean backfillFailed,
    long nextSeq,
    long lastEventAt,
    @Nullable Long cancelledAt,
    long createdAt,
    long updatedAt) {

  boolean acceptsMessages() {
    return status != SessionStatus.CANCELLED && status != SessionStatus.TERMINATED;
  }
}
