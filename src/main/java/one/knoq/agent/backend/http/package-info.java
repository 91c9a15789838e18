/**
 * What the model backends share: one HTTP client with timeouts, bounded retries and prompt
 * cancellation ({@link one.knoq.agent.backend.http.UpstreamClient}), the price table, and our own
 * agent loop over any chat protocol ({@link one.knoq.agent.backend.http.AgentLoop}).
 */
@NullMarked
package one.knoq.agent.backend.http;

import org.jspecify.annotations.NullMarked;
