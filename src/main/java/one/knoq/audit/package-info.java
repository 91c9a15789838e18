/** The append-only audit log of each organisation. */
@NullMarked
package one.knoq.audit;

import org.jspecify.annotations.NullMarked;
