package one.knoq.scim.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code scim_groups} of one organisation and their members (SCIM user ids, set semantics). */
@Repository
class ScimGroupStore {

  private static final String COLUMNS = "id, display_name, external_id, created_at, updated_at";

  record Row(String id, String displayName, @Nullable String externalId, long createdAt, long updatedAt) {}

  /** A member as a group shows it: the SCIM user id and a display name. */
  record MemberRef(String groupId, String userId, String display) {}

  private final JdbcTemplate jdbc;

  ScimGroupStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String organisationId, Row row) {
    jdbc.update(
        "insert into scim_groups (id, organisation_id, display_name, display_name_lower, external_id, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        row.id(), organisationId, row.displayName(), lower(row.displayName()), row.externalId(), row.createdAt(), row.updatedAt());
  }

  void update(String organisationId, Row row) {
    jdbc.update(
        "update scim_groups set display_name = ?, display_name_lower = ?, external_id = ?, updated_at = ?"
            + " where id = ? and organisation_id = ?",
        row.displayName(), lower(row.displayName()), row.externalId(), row.updatedAt(), row.id(), organisationId);
  }

  Optional<Row> find(String organisationId, String id) {
    return jdbc.query("select " + COLUMNS + " from scim_groups where organisation_id = ? and id = ?", ScimGroupStore::map, organisationId, id).stream().findFirst();
  }

  /**
   * The group, row-locked until the transaction ends: membership changes of one group run one after
   * the other, so concurrent PATCHes never lose a member (on every node: the lock is the database's).
   */
  Optional<Row> lock(String organisationId, String id) {
    return jdbc.query("select " + COLUMNS + " from scim_groups where organisation_id = ? and id = ? for update", ScimGroupStore::map, organisationId, id).stream().findFirst();
  }

  Optional<Row> findByDisplayName(String organisationId, String displayName) {
    return jdbc.query("select " + COLUMNS + " from scim_groups where organisation_id = ? and display_name_lower = ?", ScimGroupStore::map, organisationId, lower(displayName)).stream().findFirst();
  }

  List<Row> list(String organisationId) {
    return jdbc.query("select " + COLUMNS + " from scim_groups where organisation_id = ? order by created_at, id", ScimGroupStore::map, organisationId);
  }

  void delete(String organisationId, String id) {
    jdbc.update("delete from scim_groups where organisation_id = ? and id = ?", organisationId, id);
  }

  /** Members of the organisation's groups (or of one group), in the order they were added. */
  Map<String, List<MemberRef>> members(String organisationId, @Nullable String groupId) {
    String sql =
        "select m.group_id, u.id, u.user_name from scim_group_members m"
            + " join scim_groups g on g.id = m.group_id join scim_users u on u.id = m.scim_user_id"
            + " where g.organisation_id = ?"
            + (groupId == null ? "" : " and g.id = ?")
            + " order by m.added_at, u.id";
    Object[] args = groupId == null ? new Object[] {organisationId} : new Object[] {organisationId, groupId};
    var out = new HashMap<String, List<MemberRef>>();
    jdbc.query(sql, rs -> {
      var ref = new MemberRef(rs.getString(1), rs.getString(2), rs.getString(3));
      out.computeIfAbsent(ref.groupId(), k -> new ArrayList<>()).add(ref);
    }, args);
    return out;
  }

  /** Adds members that are not yet in the group; existing ones are a no-op (RFC 7644 §3.5.2.1). */
  void addMembers(String groupId, Collection<String> scimUserIds, long now) {
    for (String userId : scimUserIds) {
      jdbc.update(
          "insert into scim_group_members (group_id, scim_user_id, added_at) select ?, ?, ?"
              + " where not exists (select 1 from scim_group_members where group_id = ? and scim_user_id = ?)",
          groupId, userId, now, groupId, userId);
    }
  }

  void removeMembers(String groupId, Collection<String> scimUserIds) {
    for (String userId : scimUserIds) {
      jdbc.update("delete from scim_group_members where group_id = ? and scim_user_id = ?", groupId, userId);
    }
  }

  void clearMembers(String groupId) {
    jdbc.update("delete from scim_group_members where group_id = ?", groupId);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static Row map(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
  }
}
