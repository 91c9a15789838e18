/** Users, organisations, memberships, roles, plans and sign-ins; authenticates every request. */
@NullMarked
package one.knoq.identity;

import org.jspecify.annotations.NullMarked;
