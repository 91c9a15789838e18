/** SCIM's implementation: token store, resource persistence, filters, PATCH and the controllers. */
@NullMarked
package one.knoq.scim.internal;

import org.jspecify.annotations.NullMarked;
