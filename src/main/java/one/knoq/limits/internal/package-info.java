/**
 * Database-backed implementations of the limits module: the sliding log and the monthly usage
 * ledger.
 */
@NullMarked
package one.knoq.limits.internal;

import org.jspecify.annotations.NullMarked;
