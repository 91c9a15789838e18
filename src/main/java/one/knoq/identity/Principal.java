package one.knoq.identity;

/**
 * Who is calling: the signed-in user, the organisation active for this sign-in and the user's role
 * in it. Controllers receive it as a method parameter; every query is scoped by its user and
 * organisation.
 */
public record Principal(
    String userId, String email, String organisationId, Role role, String signInId) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
