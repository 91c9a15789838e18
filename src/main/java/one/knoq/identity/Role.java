package one.knoq.identity;

import java.util.Locale;
import java.util.Optional;

/** A member's role in one organisation. */
public enum Role {
  /** Manages members, usage and SCIM for the organisation. */
  ADMIN,
  /** Chats; no admin rights. */
  MEMBER,
  /** Chats; no admin rights (provisioned users start here). */
  VIEWER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String value) {
    for (Role r : values()) {
      if (r.wire().equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
