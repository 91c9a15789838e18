package one.knoq.identity;

import java.util.Optional;

/** Read access to organisations for other modules (plan gates, quotas). */
public interface Organisations {

  Optional<Organisation> find(String organisationId);
}
