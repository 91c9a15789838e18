package one.knoq.identity;

import org.jspecify.annotations.Nullable;

/**
 * A user to create as a member of an organisation. Without a password the user exists (e.g.
 * provisioned by SCIM) but cannot sign in with a password.
 */
public record NewMember(String email, String name, @Nullable String password, Role role) {}
