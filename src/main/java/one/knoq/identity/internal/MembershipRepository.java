package one.knoq.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import one.knoq.identity.Member;
import one.knoq.identity.Plan;
import one.knoq.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Who belongs to which organisation with which role. */
@Repository
class MembershipRepository {

  /** One of a user's organisations, as listed in the sign-in answer. */
  record Affiliation(String organisationId, String name, Plan plan, Role role) {}

  private static final String MEMBER_SELECT =
      "select u.id, u.email, u.name, m.role, m.created_at from memberships m"
          + " join users u on u.id = m.user_id where m.organisation_id = ?";

  private static final RowMapper<Member> MEMBER =
      (rs, i) ->
          new Member(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              role(rs.getString(4)),
              Instant.ofEpochMilli(rs.getLong(5)));

  private final JdbcTemplate jdbc;

  MembershipRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String organisationId, String userId, Role role, long now) {
    jdbc.update(
        "insert into memberships (organisation_id, user_id, role, created_at) values (?, ?, ?, ?)",
        organisationId, userId, role.wire(), now);
  }

  List<Member> list(String organisationId) {
    return jdbc.query(MEMBER_SELECT + " order by m.created_at, u.id", MEMBER, organisationId);
  }

  Optional<Member> find(String organisationId, String userId) {
    return jdbc.query(MEMBER_SELECT + " and m.user_id = ?", MEMBER, organisationId, userId).stream().findFirst();
  }

  int count(String organisationId) {
    return jdbc.queryForObject(
        "select count(*) from memberships where organisation_id = ?", Integer.class, organisationId);
  }

  int countAdmins(String organisationId) {
    return jdbc.queryForObject(
        "select count(*) from memberships where organisation_id = ? and role = ?",
        Integer.class, organisationId, Role.ADMIN.wire());
  }

  void updateRole(String organisationId, String userId, Role role) {
    jdbc.update(
        "update memberships set role = ? where organisation_id = ? and user_id = ?",
        role.wire(), organisationId, userId);
  }

  void delete(String organisationId, String userId) {
    jdbc.update("delete from memberships where organisation_id = ? and user_id = ?", organisationId, userId);
  }

  /** The user's organisations, oldest membership first: the first one is where a sign-in starts. */
  List<Affiliation> affiliations(String userId) {
    return jdbc.query(
        "select o.id, o.name, o.plan, m.role from memberships m join organisations o on o.id = m.organisation_id"
            + " where m.user_id = ? order by m.created_at, o.id",
        (rs, i) ->
            new Affiliation(
                rs.getString(1),
                rs.getString(2),
                Plan.parse(rs.getString(3)).orElseThrow(),
                role(rs.getString(4))),
        userId);
  }

  static Role role(String wire) {
    return Role.parse(wire).orElseThrow(() -> new IllegalStateException("unknown role in database: " + wire));
  }
}
