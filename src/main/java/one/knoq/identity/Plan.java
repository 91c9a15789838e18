package one.knoq.identity;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** An organisation's plan and its default allowances (operators may override them per organisation). */
public enum Plan {
  FREE(200, "5", 3, 2, false),
  SOLO(2_000, "50", 1, 5, false),
  TEAM(20_000, "500", 100, 15, false),
  BUSINESS(200_000, "5000", Integer.MAX_VALUE, Integer.MAX_VALUE, true),
  /** Keeps seats and features as before but allows no new queries. */
  EXPIRED(0, "0", Integer.MAX_VALUE, Integer.MAX_VALUE, false);

  private final long queriesPerMonth;
  private final BigDecimal capUsd;
  private final int seats;
  private final int connectors;
  private final boolean auditScimSso;

  Plan(long queriesPerMonth, String capUsd, int seats, int connectors, boolean auditScimSso) {
    this.queriesPerMonth = queriesPerMonth;
    this.capUsd = new BigDecimal(capUsd);
    this.seats = seats;
    this.connectors = connectors;
    this.auditScimSso = auditScimSso;
  }

  public long queriesPerMonth() {
    return queriesPerMonth;
  }

  public BigDecimal capUsd() {
    return capUsd;
  }

  public int seats() {
    return seats;
  }

  public int connectors() {
    return connectors;
  }

  /** Audit log, SCIM and SSO are Business features. */
  public boolean allowsAuditScimSso() {
    return auditScimSso;
  }

  /** Whether members may open sessions and send messages. */
  public boolean allowsQueries() {
    return this != EXPIRED;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Plan> parse(String value) {
    for (Plan p : values()) {
      if (p.wire().equals(value)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
