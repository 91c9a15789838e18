/** The {@code anthropic} backend: our own agent loop over Anthropic's Messages API. */
@NullMarked
package one.knoq.agent.backend.anthropic;

import org.jspecify.annotations.NullMarked;
