/** SCIM 2.0 provisioning of an organisation's members and groups by its identity provider. */
@NullMarked
package one.knoq.scim;

import org.jspecify.annotations.NullMarked;
