package one.knoq.agent.backend;

/** Why a turn ended, as written in {@code status_idle.stop_reason.type}. */
public enum StopReason {
  END_TURN("end_turn"),
  REQUIRES_ACTION("requires_action"),
  RETRIES_EXHAUSTED("retries_exhausted"),
  MAX_STEPS("max_steps");

  private final String wire;

  StopReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
