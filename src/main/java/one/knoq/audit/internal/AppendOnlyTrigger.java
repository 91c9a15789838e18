package one.knoq.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * Makes H2 itself refuse UPDATE and DELETE on {@code audit_entries} (installed by the H2 flavour of
 * migration V5_1), so that the log stays append-only whatever code or console touches the database.
 * PostgreSQL does the same with a trigger function.
 */
public final class AppendOnlyTrigger implements Trigger {

  static final String MESSAGE = "audit_entries is append-only";

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    String operation = newRow == null ? "DELETE" : "UPDATE";
    // SQLSTATE 42501: insufficient privilege, as on PostgreSQL
    throw new SQLException(MESSAGE + ": " + operation + " is not allowed", "42501");
  }
}
