package one.knoq.identity;

import java.time.Instant;

/** A user as a member of one organisation. */
public record Member(String userId, String email, String name, Role role, Instant joinedAt) {}
