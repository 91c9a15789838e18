package one.knoq.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import one.knoq.audit.AuditLog;
import one.knoq.identity.Principal;
import one.knoq.identity.internal.MembershipRepository.Affiliation;
import one.knoq.identity.internal.UserRepository.User;
import one.knoq.web.ApiException;
import org.springframework.stereotype.Service;

/** Starting, checking, switching and ending sign-ins. */
@Service
class SignIns {

  /** A new sign-in: the cookie token (shown once) and the answer to send with it. */
  record Issued(String token, SignInAnswer answer) {}

  /** One message for every credential failure, so it never says which part was wrong. */
  static final String WRONG_CREDENTIALS = "email or password is incorrect";

  private final UserRepository users;
  private final MembershipRepository memberships;
  private final SignInRepository signIns;
  private final SignInThrottle throttle;
  private final Passwords passwords;
  private final AuditLog audit;
  private final one.knoq.audit.AuditEntries auditEntries;
  private final Clock clock;

  SignIns(
      UserRepository users,
      MembershipRepository memberships,
      SignInRepository signIns,
      SignInThrottle throttle,
      Passwords passwords,
      AuditLog audit,
      one.knoq.audit.AuditEntries auditEntries,
      Clock clock) {
    this.users = users;
    this.memberships = memberships;
    this.signIns = signIns;
    this.throttle = throttle;
    this.passwords = passwords;
    this.audit = audit;
    this.auditEntries = auditEntries;
    this.clock = clock;
  }

  /** 401 for wrong credentials or a user without any membership; 429 while throttled. */
  Issued signIn(String email, String password, String client) {
    long now = clock.millis();
    String emailLower = UserRepository.lower(email);
    String attempt;
    try {
      attempt = throttle.begin(emailLower, client, now);
    } catch (ApiException.TooManyRequests e) {
      recordThrottled(email, client, e.retryAfterSeconds());
      throw e;
    }
    Optional<User> user = users.findByEmail(email);
    boolean correct = passwords.matches(password, user.map(User::passwordHash).orElse(null));
    List<Affiliation> affiliations = correct ? memberships.affiliations(user.get().id()) : List.of();
    if (affiliations.isEmpty()) {
      throttle.failed(now);
      throw new ApiException.Unauthenticated(WRONG_CREDENTIALS);
    }
    throttle.succeeded(attempt);
    return start(user.get().id(), affiliations.get(0).organisationId());
  }

  /**
   * A {@code sign_in.failed_throttled} entry in the log of every organisation the email's user
   * belongs to (none when the email is no user's or the user has no membership: there is no
   * organisation to tell). Written on each refused attempt, outside any transaction, like the
   * throttle's own rows.
   */
  /**
   * One audit entry per lockout of a (user, client address) in each of the user's organisations: a
   * client hammering a locked pair must not grow the victim organisation's log without bound.
   */
  private void recordThrottled(String email, String client, long retryAfterSeconds) {
    java.time.Instant since = clock.instant().minus(SignInThrottle.WINDOW);
    users
        .findByEmail(email)
        .ifPresent(
            user -> {
              for (Affiliation a : memberships.affiliations(user.id())) {
                boolean alreadyLogged =
                    auditEntries
                        .search(new one.knoq.audit.AuditQuery(
                            a.organisationId(), "sign_in.failed_throttled", "system", since, null, null, 200))
                        .stream()
                        .anyMatch(e -> user.id().equals(e.subject()) && client.equals(e.details().get("clientAddress")));
                if (alreadyLogged) {
                  continue;
                }
                audit.record(
                    a.organisationId(), "sign_in.failed_throttled", "system", user.id(),
                    Map.of("email", user.email(), "clientAddress", client, "retryAfterSeconds", retryAfterSeconds));
              }
            });
  }

  /** A new sign-in for a user in one of its organisations. */
  Issued start(String userId, String organisationId) {
    long now = clock.millis();
    signIns.deleteExpired(userId, now);
    String token = Tokens.generate();
    signIns.insert(Tokens.hash(token), userId, organisationId, now);
    return new Issued(token, answer(userId, organisationId));
  }

  /** The caller behind a cookie token, with its role read fresh; empty when not signed in. */
  Optional<Principal> authenticate(String token) {
    long now = clock.millis();
    return signIns
        .findByTokenHash(Tokens.hash(token))
        .filter(s -> SignInLifetime.isLive(s.lastUsedAt(), s.expiresAt(), now))
        .map(
            s -> {
              if (SignInLifetime.needsTouch(s.lastUsedAt(), now)) {
                signIns.touch(s.id(), now);
              }
              return new Principal(s.userId(), s.email(), s.organisationId(), s.role(), s.id());
            });
  }

  SignInAnswer answer(Principal principal) {
    return answer(principal.userId(), principal.organisationId());
  }

  /** 404 unless the user is a member of the organisation. */
  SignInAnswer switchOrganisation(Principal principal, String organisationId) {
    if (memberships.find(organisationId, principal.userId()).isEmpty()) {
      throw new ApiException.NotFound("organisation not found");
    }
    signIns.switchOrganisation(principal.signInId(), organisationId);
    return answer(principal.userId(), organisationId);
  }

  void signOut(Principal principal) {
    signIns.delete(principal.signInId());
  }

  private SignInAnswer answer(String userId, String activeOrganisationId) {
    User user = users.findById(userId).orElseThrow(() -> new ApiException.Unauthenticated("sign-in required"));
    List<Affiliation> affiliations = memberships.affiliations(userId);
    Affiliation active =
        affiliations.stream()
            .filter(a -> a.organisationId().equals(activeOrganisationId))
            .findFirst()
            .orElseThrow(() -> new ApiException.Unauthenticated("sign-in required"));
    return new SignInAnswer(
        new SignInAnswer.User(user.id(), user.email(), user.name()),
        new SignInAnswer.ActiveOrganisation(
            active.organisationId(), active.name(), active.plan().wire(), active.role().wire()),
        affiliations.stream()
            .map(a -> new SignInAnswer.Choice(a.organisationId(), a.name(), a.role().wire()))
            .toList());
  }
}
