/** Identity's implementation: persistence, sign-in, the request filters and the HTTP controllers. */
@NullMarked
package one.knoq.identity.internal;

import org.jspecify.annotations.NullMarked;
