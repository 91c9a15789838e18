/**
 * The {@code anthropic-managed} backend: Anthropic's Managed Agents run the loop; we open the remote
 * session, send user messages as remote events and import the remote event log into ours.
 */
@NullMarked
package one.knoq.agent.backend.managed;

import org.jspecify.annotations.NullMarked;
