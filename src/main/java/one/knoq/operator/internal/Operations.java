package one.knoq.operator.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import one.knoq.audit.AuditLog;
import one.knoq.identity.Member;
import one.knoq.identity.Members;
import one.knoq.identity.NewMember;
import one.knoq.identity.Organisation;
import one.knoq.identity.OrganisationChange;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;
import one.knoq.identity.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's changes, each in one transaction with its audit entries (actor {@code operator}):
 * an organisation created with its first admin, or an organisation's plan and allowances changed.
 */
@Service
class Operations {

  static final String ACTOR = "operator";

  private final Organisations organisations;
  private final Members members;
  private final AuditLog audit;

  Operations(Organisations organisations, Members members, AuditLog audit) {
    this.organisations = organisations;
    this.members = members;
    this.audit = audit;
  }

  /** {@code Conflict} when the admin's email belongs to a user already; nothing is created then. */
  @Transactional
  Organisation create(String name, Plan plan, String adminEmail, String adminName, String adminPassword) {
    Organisation organisation = organisations.create(name, plan);
    Member admin = members.add(organisation.id(), new NewMember(adminEmail, adminName, adminPassword, Role.ADMIN));
    audit.record(organisation.id(), "organisation.created", ACTOR, organisation.id(), Map.of("name", name, "plan", plan.wire()));
    audit.record(
        organisation.id(), "member.joined", ACTOR, admin.userId(),
        Map.of("email", admin.email(), "role", admin.role().wire()));
    return organisation;
  }

  @Transactional
  Optional<Organisation> update(String organisationId, OrganisationChange change, Map<String, Object> asRequested) {
    Optional<Organisation> updated = organisations.update(organisationId, change);
    updated.ifPresent(
        o -> audit.record(o.id(), "organisation.updated", ACTOR, o.id(), new LinkedHashMap<>(asRequested)));
    return updated;
  }
}
