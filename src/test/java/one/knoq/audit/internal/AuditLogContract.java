package one.knoq.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import one.knoq.audit.AuditEntries;
import one.knoq.audit.AuditEntry;
import one.knoq.audit.AuditLog;
import one.knoq.audit.AuditQuery;
import one.knoq.web.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log's storage rules, run against whichever database the subclass names. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class AuditLogContract {

  private static final Instant T0 = Instant.parse("2026-05-20T10:00:00Z");

  @Autowired AuditLog log;
  @Autowired AuditEntries entries;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  private String organisation;

  @BeforeEach
  void freshOrganisation() {
    organisation = UUID.randomUUID().toString();
  }

  @Test
  void recorded_entries_read_back_newest_first_with_their_details() {
    log.record(organisation, "member.joined", "user-1", "user-2", Map.of("role", "member"));
    log.record(organisation, "member.removed", "user-1", null, Map.of());
    log.record("x" + organisation.substring(1), "member.joined", "user-9", "user-8", Map.of());

    List<AuditEntry> found = search(null, null, null, null, null, 50);

    assertThat(found).extracting(AuditEntry::type).containsExactly("member.removed", "member.joined");
    assertThat(found.get(1).actor()).isEqualTo("user-1");
    assertThat(found.get(1).subject()).isEqualTo("user-2");
    assertThat(found.get(1).details()).containsEntry("role", "member");
    assertThat(found.get(0).subject()).isNull();
  }

  @Test
  void an_entry_joins_the_callers_transaction_and_rolls_back_with_it() {
    transactions.executeWithoutResult(
        status -> {
          log.record(organisation, "member.joined", "user-1", "user-2", Map.of());
          status.setRollbackOnly();
        });
    transactions.executeWithoutResult(
        status -> log.record(organisation, "member.removed", "user-1", "user-2", Map.of()));

    assertThat(search(null, null, null, null, null, 50))
        .extracting(AuditEntry::type)
        .containsExactly("member.removed");
  }

  @Test
  void the_database_refuses_to_update_entries() {
    log.record(organisation, "member.joined", "user-1", "user-2", Map.of());

    assertThatThrownBy(
            () -> jdbc.update("update audit_entries set actor = 'someone else' where organisation_id = ?", organisation))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThat(search(null, null, null, null, null, 50).get(0).actor()).isEqualTo("user-1");
  }

  @Test
  void the_database_refuses_to_delete_entries() {
    log.record(organisation, "member.joined", "user-1", "user-2", Map.of());

    assertThatThrownBy(() -> jdbc.update("delete from audit_entries where organisation_id = ?", organisation))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from audit_entries"))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThat(search(null, null, null, null, null, 50)).hasSize(1);
  }

  @Test
  void type_is_a_prefix_filter_whose_wildcards_are_literal() {
    insert("scim.user_provisioned", "scim", T0);
    insert("scim.group_changed", "scim", T0.plusSeconds(1));
    insert("member.joined", "user-1", T0.plusSeconds(2));
    insert("scimx.other", "scim", T0.plusSeconds(3));

    assertThat(types(search("scim.", null, null, null, null, 50)))
        .containsExactly("scim.group_changed", "scim.user_provisioned");
    assertThat(types(search("scim.user_", null, null, null, null, 50))).containsExactly("scim.user_provisioned");
    assertThat(types(search("scim%", null, null, null, null, 50))).isEmpty();
    assertThat(types(search("member.joined", null, null, null, null, 50))).containsExactly("member.joined");
  }

  @Test
  void actor_is_exact_and_the_date_range_includes_from_and_excludes_to() {
    insert("a.one", "user-1", T0);
    insert("a.two", "user-10", T0.plusSeconds(10));
    insert("a.three", "user-1", T0.plusSeconds(20));

    assertThat(types(search(null, "user-1", null, null, null, 50))).containsExactly("a.three", "a.one");
    assertThat(types(search(null, null, T0.plusSeconds(10), T0.plusSeconds(20), null, 50)))
        .containsExactly("a.two");
    assertThat(types(search(null, null, T0, T0.plusSeconds(10), null, 50))).containsExactly("a.one");
  }

  @Test
  void before_pages_through_entries_in_the_same_millisecond_without_gaps_or_repeats() {
    for (int i = 0; i < 5; i++) {
      insert("t." + i, "user-1", T0);
    }
    insert("t.later", "user-1", T0.plusMillis(1));

    List<AuditEntry> first = search(null, null, null, null, null, 2);
    List<AuditEntry> second = search(null, null, null, null, first.get(1).id(), 2);
    List<AuditEntry> rest = search(null, null, null, null, second.get(1).id(), 10);

    assertThat(types(first)).containsExactly("t.later", "t.4");
    assertThat(types(second)).containsExactly("t.3", "t.2");
    assertThat(types(rest)).containsExactly("t.1", "t.0");
  }

  @Test
  void a_cursor_of_another_organisation_or_no_entry_is_a_bad_request() {
    log.record("x" + organisation.substring(1), "member.joined", "user-9", "user-8", Map.of());
    String foreign = entries.search(new AuditQuery("x" + organisation.substring(1), null, null, null, null, null, 1)).get(0).id();

    for (String cursor : List.of(foreign, "not-a-number", "999999999")) {
      assertThatThrownBy(() -> search(null, null, null, null, cursor, 10))
          .isInstanceOf(ApiException.BadRequest.class)
          .hasMessageContaining("before");
    }
  }

  private List<AuditEntry> search(
      String type, String actor, Instant from, Instant to, String before, int limit) {
    return entries.search(new AuditQuery(organisation, type, actor, from, to, before, limit));
  }

  private void insert(String type, String actor, Instant at) {
    jdbc.update(
        "insert into audit_entries (organisation_id, type, actor, subject, occurred_at, details) values (?, ?, ?, null, ?, '{}')",
        organisation, type, actor, at.toEpochMilli());
  }

  private static List<String> types(List<AuditEntry> found) {
    return found.stream().map(AuditEntry::type).toList();
  }
}
