package one.knoq.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import one.knoq.identity.Member;
import one.knoq.identity.Members;
import one.knoq.identity.NewMember;
import one.knoq.identity.Organisation;
import one.knoq.identity.Role;
import one.knoq.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership changes of one organisation. Each change locks the organisation row first, so seat
 * and last-admin checks stay true when two admins (or nodes) act at once.
 */
@Service
class MemberService implements Members {

  private final JdbcOrganisations organisations;
  private final UserRepository users;
  private final MembershipRepository memberships;
  private final SignInRepository signIns;
  private final Passwords passwords;
  private final Clock clock;

  MemberService(
      JdbcOrganisations organisations,
      UserRepository users,
      MembershipRepository memberships,
      SignInRepository signIns,
      Passwords passwords,
      Clock clock) {
    this.organisations = organisations;
    this.users = users;
    this.memberships = memberships;
    this.signIns = signIns;
    this.passwords = passwords;
    this.clock = clock;
  }

  @Override
  public List<Member> list(String organisationId) {
    return memberships.list(organisationId);
  }

  @Override
  public Optional<Member> find(String organisationId, String userId) {
    return memberships.find(organisationId, userId);
  }

  @Override
  @Transactional
  public Member add(String organisationId, NewMember member) {
    if (member.password() != null) {
      Passwords.validate(member.password());
    }
    Organisation organisation = lock(organisationId);
    if (memberships.count(organisationId) >= organisation.seats()) {
      throw new ApiException.Forbidden("seat limit reached");
    }
    if (users.emailTaken(member.email())) {
      throw new ApiException.Conflict(SignUps.EMAIL_TAKEN);
    }
    long now = clock.millis();
    String hash = member.password() == null ? null : passwords.hash(member.password());
    String userId;
    try {
      userId = users.insert(member.email(), member.name(), hash, now);
    } catch (DuplicateKeyException e) {
      throw new ApiException.Conflict(SignUps.EMAIL_TAKEN);
    }
    memberships.insert(organisationId, userId, member.role(), now);
    return memberships.find(organisationId, userId).orElseThrow();
  }

  @Override
  public Optional<String> userIdByEmail(String email) {
    return users.findByEmail(email).map(UserRepository.User::id);
  }

  @Override
  @Transactional
  public Member addExisting(String organisationId, String userId, Role role) {
    Organisation organisation = lock(organisationId);
    if (users.findById(userId).isEmpty()) {
      throw new ApiException.NotFound("user not found");
    }
    if (memberships.find(organisationId, userId).isPresent()) {
      throw new ApiException.Conflict("already a member");
    }
    if (memberships.count(organisationId) >= organisation.seats()) {
      throw new ApiException.Forbidden("seat limit reached");
    }
    memberships.insert(organisationId, userId, role, clock.millis());
    return memberships.find(organisationId, userId).orElseThrow();
  }

  @Override
  @Transactional
  public Member changeRole(String organisationId, String userId, Role role) {
    lock(organisationId);
    Member member = existing(organisationId, userId);
    if (role != Role.ADMIN) {
      keepAnAdmin(organisationId, member);
    }
    memberships.updateRole(organisationId, userId, role);
    return existing(organisationId, userId);
  }

  @Override
  @Transactional
  public void remove(String organisationId, String userId) {
    lock(organisationId);
    keepAnAdmin(organisationId, existing(organisationId, userId));
    memberships.delete(organisationId, userId);
    signIns.deleteActiveIn(userId, organisationId);
  }

  private Organisation lock(String organisationId) {
    return organisations
        .lock(organisationId)
        .orElseThrow(() -> new ApiException.NotFound("organisation not found"));
  }

  private Member existing(String organisationId, String userId) {
    return memberships
        .find(organisationId, userId)
        .orElseThrow(() -> new ApiException.NotFound("member not found"));
  }

  private void keepAnAdmin(String organisationId, Member leaving) {
    if (leaving.role() == Role.ADMIN && memberships.countAdmins(organisationId) <= 1) {
      throw new ApiException.Conflict("an organisation must keep at least one admin");
    }
  }
}
