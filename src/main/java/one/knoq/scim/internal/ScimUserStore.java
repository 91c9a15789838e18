package one.knoq.scim.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code scim_users} rows of one organisation at a time. */
@Repository
class ScimUserStore {

  private static final String COLUMNS = "id, organisation_id, user_id, user_name, active, resource, created_at, updated_at";

  record Row(String id, String organisationId, String userId, String userName, boolean active, String resource, long createdAt, long updatedAt) {}

  private final JdbcTemplate jdbc;

  ScimUserStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Row row) {
    jdbc.update(
        "insert into scim_users (" + COLUMNS + ", user_name_lower) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.id(), row.organisationId(), row.userId(), row.userName(), row.active(), row.resource(),
        row.createdAt(), row.updatedAt(), lower(row.userName()));
  }

  void update(Row row) {
    jdbc.update(
        "update scim_users set user_name = ?, user_name_lower = ?, active = ?, resource = ?, updated_at = ?"
            + " where id = ? and organisation_id = ?",
        row.userName(), lower(row.userName()), row.active(), row.resource(), row.updatedAt(), row.id(), row.organisationId());
  }

  Optional<Row> find(String organisationId, String id) {
    return first(jdbc.query("select " + COLUMNS + " from scim_users where organisation_id = ? and id = ?", ScimUserStore::map, organisationId, id));
  }

  /** The row, locked until the transaction ends, so two PATCHes of one user apply one after the other. */
  Optional<Row> lock(String organisationId, String id) {
    return first(jdbc.query("select " + COLUMNS + " from scim_users where organisation_id = ? and id = ? for update", ScimUserStore::map, organisationId, id));
  }

  Optional<Row> findByUserName(String organisationId, String userName) {
    return first(jdbc.query("select " + COLUMNS + " from scim_users where organisation_id = ? and user_name_lower = ?", ScimUserStore::map, organisationId, lower(userName)));
  }

  Optional<Row> findByUser(String organisationId, String userId) {
    return first(jdbc.query("select " + COLUMNS + " from scim_users where organisation_id = ? and user_id = ?", ScimUserStore::map, organisationId, userId));
  }

  /** Every SCIM user of the organisation in a stable order: creation time, then id. */
  List<Row> list(String organisationId) {
    return jdbc.query("select " + COLUMNS + " from scim_users where organisation_id = ? order by created_at, id", ScimUserStore::map, organisationId);
  }

  void delete(String organisationId, String id) {
    jdbc.update("delete from scim_users where organisation_id = ? and id = ?", organisationId, id);
  }

  static String lower(String userName) {
    return userName.toLowerCase(Locale.ROOT);
  }

  private static Optional<Row> first(List<Row> rows) {
    return rows.stream().findFirst();
  }

  private static Row map(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getLong(7), rs.getLong(8));
  }
}
