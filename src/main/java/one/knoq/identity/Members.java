package one.knoq.identity;

import java.util.List;
import java.util.Optional;

/**
 * Manages the memberships of one organisation at a time (admin API, SCIM). Never touches another
 * organisation's data, a user's password, or sign-ins active in another organisation. Failures are
 * {@code one.knoq.web.ApiException}s carrying the contract's status.
 */
public interface Members {

  /** The organisation's members, oldest membership first. */
  List<Member> list(String organisationId);

  Optional<Member> find(String organisationId, String userId);

  /**
   * Creates the user and makes it a member. {@code Forbidden("seat limit reached")} when the
   * organisation's seats are taken; {@code Conflict} when the email already belongs to a user.
   */
  Member add(String organisationId, NewMember member);

  /** The id of the global user with this email (case-insensitive), member of any organisation or none. */
  Optional<String> userIdByEmail(String email);

  /**
   * Makes an existing user a member (SCIM linking and re-activation); the user's credentials are
   * untouched. {@code Forbidden("seat limit reached")} when the seats are taken; {@code NotFound}
   * when no such user; {@code Conflict} when already a member.
   */
  Member addExisting(String organisationId, String userId, Role role);

  /** {@code NotFound} if not a member; {@code Conflict} when it would leave no admin. */
  Member changeRole(String organisationId, String userId, Role role);

  /**
   * Ends the membership and the user's sign-ins whose active organisation is this one, at once.
   * {@code NotFound} if not a member; {@code Conflict} when it would leave no admin.
   */
  void remove(String organisationId, String userId);
}
