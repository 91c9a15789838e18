/**
 * Running the server in production: request ids and one log line per request, answering 503 while
 * the node drains. Health and metrics come from the actuator (see application.yml).
 */
@NullMarked
package one.knoq.ops;

import org.jspecify.annotations.NullMarked;
