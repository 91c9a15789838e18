/** The admin controllers and their shared gates. */
@NullMarked
package one.knoq.admin.internal;

import org.jspecify.annotations.NullMarked;
