/** The operator token filter, controller and service. */
@NullMarked
package one.knoq.operator.internal;

import org.jspecify.annotations.NullMarked;
