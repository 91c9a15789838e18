package one.knoq.identity;

import java.util.List;
import java.util.Optional;

/**
 * Read access to organisations for other modules (plan gates, quotas), their creation and the
 * operator's changes.
 */
public interface Organisations {

  Optional<Organisation> find(String organisationId);

  /** Creates an organisation with no members on the plan's defaults. */
  Organisation create(String name, Plan plan);

  /** Every organisation, oldest first (the operator API). */
  List<Organisation> list();

  /** Applies an operator's change; empty when there is no such organisation. */
  Optional<Organisation> update(String organisationId, OrganisationChange change);
}
