/** Sessions, their event log, turns and the durable workflow that runs them on an agent backend. */
@NullMarked
package one.knoq.agent;

import org.jspecify.annotations.NullMarked;
