/** Per-user rolling-window rate limits, monthly query quotas and cost caps. */
@NullMarked
package one.knoq.limits;

import org.jspecify.annotations.NullMarked;
