package one.knoq.identity;

import java.util.Optional;

/** Read access to organisations for other modules (plan gates, quotas), and their creation. */
public interface Organisations {

  Optional<Organisation> find(String organisationId);

  /** Creates an organisation with no members on the plan's defaults. */
  Organisation create(String name, Plan plan);
}
