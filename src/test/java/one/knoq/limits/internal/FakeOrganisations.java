package one.knoq.limits.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import one.knoq.identity.Organisation;
import one.knoq.identity.OrganisationChange;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;

/** Stands in for identity's organisations: tests register exactly the allowances they need. */
final class FakeOrganisations implements Organisations {

  private final Map<String, Organisation> byId = new ConcurrentHashMap<>();

  @Override
  public Optional<Organisation> find(String organisationId) {
    return Optional.ofNullable(byId.get(organisationId));
  }

  @Override
  public Organisation create(String name, Plan plan) {
    return find(add(plan)).orElseThrow();
  }

  @Override
  public List<Organisation> list() {
    return List.copyOf(byId.values());
  }

  @Override
  public Optional<Organisation> update(String organisationId, OrganisationChange change) {
    throw new UnsupportedOperationException("limits tests never change organisations");
  }

  /** A new organisation on {@code plan} with the given allowances; returns its id. */
  String add(Plan plan, long queryLimit, String capUsd) {
    String id = "org-" + UUID.randomUUID();
    byId.put(
        id,
        new Organisation(
            id,
            "Test " + id,
            plan,
            queryLimit,
            new BigDecimal(capUsd),
            plan.seats(),
            Instant.EPOCH));
    return id;
  }

  String add(Plan plan) {
    return add(plan, plan.queriesPerMonth(), plan.capUsd().toPlainString());
  }
}
