package one.knoq.identity.internal;

import java.time.Clock;
import one.knoq.identity.Organisation;
import one.knoq.identity.Role;
import one.knoq.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Self-service sign-up: a new user, a new organisation with that user as admin, and a sign-in. */
@Service
class SignUps {

  static final String EMAIL_TAKEN = "a user with this email already exists";

  private final UserRepository users;
  private final MembershipRepository memberships;
  private final JdbcOrganisations organisations;
  private final SignIns signIns;
  private final Passwords passwords;
  private final IdentitySettings settings;
  private final Clock clock;

  SignUps(
      UserRepository users,
      MembershipRepository memberships,
      JdbcOrganisations organisations,
      SignIns signIns,
      Passwords passwords,
      IdentitySettings settings,
      Clock clock) {
    this.users = users;
    this.memberships = memberships;
    this.organisations = organisations;
    this.signIns = signIns;
    this.passwords = passwords;
    this.settings = settings;
    this.clock = clock;
  }

  /** All or nothing: a taken email (409) leaves no organisation behind. */
  @Transactional
  public SignIns.Issued signUp(String email, String password, String name, String organisationName) {
    if (users.emailTaken(email)) {
      throw new ApiException.Conflict(EMAIL_TAKEN);
    }
    long now = clock.millis();
    Organisation organisation = organisations.create(organisationName, settings.signUpPlan());
    String userId;
    try {
      userId = users.insert(email, name, passwords.hash(password), now);
    } catch (DuplicateKeyException e) {
      throw new ApiException.Conflict(EMAIL_TAKEN); // lost a race with another sign-up
    }
    memberships.insert(organisation.id(), userId, Role.ADMIN, now);
    return signIns.start(userId, organisation.id());
  }
}
