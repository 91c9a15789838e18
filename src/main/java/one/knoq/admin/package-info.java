/**
 * The Business admin endpoints that sit on top of other modules: the audit log (audit) and the SCIM
 * token (scim), gated by the caller's role and organisation plan (identity). It has no public API.
 */
@NullMarked
package one.knoq.admin;

import org.jspecify.annotations.NullMarked;
