/** The audit log's JDBC implementation and the database trigger that keeps it append-only. */
@NullMarked
package one.knoq.audit.internal;

import org.jspecify.annotations.NullMarked;
