package one.knoq.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import one.knoq.audit.AuditLog;
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
 *
 * <p>The {@code actor}-taking variants also write the {@code member.*} audit entry in the same
 * transaction; the admin and operator APIs use them. The {@link Members} methods write none, since
 * their other caller (SCIM) records its own {@code scim.*} entries.
 */
@Service
class MemberService implements Members {

  private final JdbcOrganisations organisations;
  private final UserRepository users;
  private final MembershipRepository memberships;
  private final SignInRepository signIns;
  private final Passwords passwords;
  private final AuditLog audit;
  private final Clock clock;

  MemberService(
      JdbcOrganisations organisations,
      UserRepository users,
      MembershipRepository memberships,
      SignInRepository signIns,
      Passwords passwords,
      AuditLog audit,
      Clock clock) {
    this.organisations = organisations;
    this.users = users;
    this.memberships = memberships;
    this.signIns = signIns;
    this.passwords = passwords;
    this.audit = audit;
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

  /** {@link #add(String, NewMember)} and its {@code member.joined} entry, by {@code actor}. */
  @Transactional
  Member add(String organisationId, NewMember member, String actor) {
    Member added = add(organisationId, member);
    audit.record(
        organisationId, "member.joined", actor, added.userId(),
        Map.of("email", added.email(), "role", added.role().wire()));
    return added;
  }

  /** {@link #changeRole(String, String, Role)} and its {@code member.role_changed} entry (none when the role stays). */
  @Transactional
  Member changeRole(String organisationId, String userId, Role role, String actor) {
    Role before = existing(organisationId, userId).role();
    Member changed = changeRole(organisationId, userId, role);
    if (before != role) {
      audit.record(
          organisationId, "member.role_changed", actor, userId,
          Map.of("email", changed.email(), "from", before.wire(), "to", changed.role().wire()));
    }
    return changed;
  }

  /** {@link #remove(String, String)} and its {@code member.removed} entry. */
  @Transactional
  void remove(String organisationId, String userId, String actor) {
    Member leaving = existing(organisationId, userId);
    remove(organisationId, userId);
    audit.record(
        organisationId, "member.removed", actor, userId,
        Map.of("email", leaving.email(), "role", leaving.role().wire()));
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
