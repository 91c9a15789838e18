package one.knoq.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import one.knoq.audit.AuditLog;
import one.knoq.identity.Members;
import one.knoq.identity.NewMember;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;
import one.knoq.identity.Role;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/admin/audit-log} over a real port, and the entries identity writes into it. */
class AuditLogApiTests extends ServerTest {

  private static final String PASSWORD = "a long enough password";

  @Autowired Organisations organisations;
  @Autowired Members members;
  @Autowired AuditLog log;

  @Test
  void needs_a_sign_in() {
    var r = anonymous().get("/api/admin/audit-log");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asString()).isNotBlank();
  }

  @Test
  void members_and_viewers_are_forbidden() {
    assertThat(newUser("member").get("/api/admin/audit-log").status()).isEqualTo(403);
    assertThat(newUser("viewer").get("/api/admin/audit-log").status()).isEqualTo(403);
  }

  @Test
  void an_organisation_without_the_business_plan_is_forbidden() {
    ApiClient teamAdmin = adminOfNew(Plan.TEAM);

    var r = teamAdmin.get("/api/admin/audit-log");

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("error").asString()).contains("plan does not include the audit log");
  }

  @Test
  void adding_changing_and_removing_a_member_is_logged_newest_first_in_the_same_organisation() {
    ApiClient admin = adminOfNew(Plan.BUSINESS);
    String adminId = admin.get("/api/auth/me").json().get("user").get("id").asString();
    String email = "joiner-" + UUID.randomUUID() + "@example.com";

    var added = admin.post("/api/admin/members", ApiClient.json("email", email, "name", "Joiner", "password", PASSWORD, "role", "viewer"));
    assertThat(added.status()).isEqualTo(201);
    String userId = added.json().get("userId").asString();
    assertThat(admin.patch("/api/admin/members/" + userId, ApiClient.json("role", "member")).status()).isEqualTo(200);
    assertThat(admin.delete("/api/admin/members/" + userId).status()).isEqualTo(200);

    JsonNode entries = admin.get("/api/admin/audit-log").json().get("entries");

    assertThat(types(entries)).containsExactly("member.removed", "member.role_changed", "member.joined");
    for (JsonNode e : entries) {
      assertThat(e.get("actor").asString()).isEqualTo(adminId);
      assertThat(e.get("subject").asString()).isEqualTo(userId);
      assertThat(e.get("id").asString()).isNotBlank();
      assertThat(e.get("occurredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }
    assertThat(entries.get(0).get("details").get("email").asString()).isEqualTo(email);
    assertThat(entries.get(1).get("details").get("from").asString()).isEqualTo("viewer");
    assertThat(entries.get(1).get("details").get("to").asString()).isEqualTo("member");
    assertThat(entries.get(2).get("details").get("role").asString()).isEqualTo("viewer");
    // the bootstrap organisation's log holds none of this
    assertThat(admin().get("/api/admin/audit-log?actor=" + adminId).json().get("entries")).isEmpty();
  }

  @Test
  void a_refused_member_change_writes_no_entry() {
    ApiClient admin = adminOfNew(Plan.BUSINESS);
    String adminId = admin.get("/api/auth/me").json().get("user").get("id").asString();

    // the last admin cannot step down: 409, and the transaction (entry included) rolls back
    assertThat(admin.patch("/api/admin/members/" + adminId, ApiClient.json("role", "member")).status()).isEqualTo(409);
    assertThat(admin.post("/api/admin/members", ApiClient.json("email", ADMIN_EMAIL, "name", "Dup", "password", PASSWORD, "role", "viewer")).status())
        .isEqualTo(409);

    assertThat(admin.get("/api/admin/audit-log").json().get("entries")).isEmpty();
  }

  @Test
  void throttled_sign_ins_are_logged_once_per_lockout_in_each_organisation_of_the_user() {
    ApiClient admin = adminOfNew(Plan.BUSINESS);
    String email = admin.get("/api/auth/me").json().get("user").get("email").asString();
    String userId = admin.get("/api/auth/me").json().get("user").get("id").asString();
    ApiClient guesser = anonymous().withHeader("X-Test", "throttle");
    int throttled = 0;
    for (int i = 0; i < 12; i++) {
      int status = guesser.post("/api/auth/sign-in", ApiClient.json("email", email, "password", "wrong password " + i)).status();
      if (status == 429) {
        throttled++;
      }
    }
    assertThat(throttled).isEqualTo(2);

    JsonNode entries = admin.get("/api/admin/audit-log?type=sign_in.").json().get("entries");

    // two refused attempts, one lockout: one entry
    assertThat(types(entries)).containsExactly("sign_in.failed_throttled");
    assertThat(entries.get(0).get("actor").asString()).isEqualTo("system");
    assertThat(entries.get(0).get("subject").asString()).isEqualTo(userId);
    assertThat(entries.get(0).get("details").get("email").asString()).isEqualTo(email);
    assertThat(entries.get(0).get("details").get("retryAfterSeconds").asLong()).isPositive();
  }

  @Test
  void filters_by_type_prefix_actor_and_half_open_range() {
    ApiClient admin = adminOfNew(Plan.BUSINESS);
    String org = organisationOf(admin);
    log.record(org, "scim.user_provisioned", "scim", "u1", Map.of());
    log.record(org, "scim.group_changed", "scim", "g1", Map.of());
    log.record(org, "member.joined", "someone", "u2", Map.of());

    assertThat(types(entries(admin, "?type=scim."))).containsExactly("scim.group_changed", "scim.user_provisioned");
    assertThat(types(entries(admin, "?type=member"))).contains("member.joined").doesNotContain("scim.group_changed");
    assertThat(types(entries(admin, "?actor=someone"))).containsExactly("member.joined");
    assertThat(types(entries(admin, "?actor=scim&type=scim.user"))).containsExactly("scim.user_provisioned");
    assertThat(entries(admin, "?actor=some")).isEmpty();
    assertThat(entries(admin, "?type=&actor=&from=&to=&before=&limit=")).hasSize(3);

    JsonNode all = entries(admin, "");
    String newest = all.get(0).get("occurredAt").asString();
    String oldest = all.get(2).get("occurredAt").asString();
    assertThat(entries(admin, "?from=" + newest)).allSatisfy(e -> assertThat(e.get("occurredAt").asString()).isGreaterThanOrEqualTo(newest));
    assertThat(entries(admin, "?from=" + newest).get(0).get("type").asString()).isEqualTo("member.joined");
    assertThat(entries(admin, "?to=" + oldest)).isEmpty();
    assertThat(entries(admin, "?from=" + oldest + "&to=" + Instant.parse(newest).plusMillis(1))).hasSize(3);
    assertThat(entries(admin, "?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")).isEmpty();
  }

  @Test
  void pages_with_limit_and_the_next_before_cursor() {
    ApiClient admin = adminOfNew(Plan.BUSINESS);
    String org = organisationOf(admin);
    for (int i = 0; i < 7; i++) {
      log.record(org, "test.entry", "someone", "s" + i, Map.of("n", i));
    }

    List<String> subjects = new ArrayList<>();
    String path = "/api/admin/audit-log?limit=3";
    int pages = 0;
    while (true) {
      JsonNode page = admin.get(path).json();
      pages++;
      page.get("entries").forEach(e -> subjects.add(e.get("subject").asString()));
      if (!page.has("nextBefore")) {
        break;
      }
      path = "/api/admin/audit-log?limit=3&before=" + page.get("nextBefore").asString();
    }

    assertThat(pages).isEqualTo(3);
    assertThat(subjects).containsExactly("s6", "s5", "s4", "s3", "s2", "s1", "s0");
    assertThat(admin.get("/api/admin/audit-log?limit=7").json().has("nextBefore")).isFalse();
    assertThat(admin.get("/api/admin/audit-log?limit=6").json().get("nextBefore").asString()).isNotBlank();
    assertThat(admin.get("/api/admin/audit-log").json().get("entries")).hasSize(7);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0", "limit=201", "limit=abc", "limit=-1", "from=yesterday", "to=2026-13-01T00:00:00Z",
        "from=2026-05-20", "before=abc", "before=999999999",
        "from=2026-05-20T10:00:00Z&to=2026-05-20T10:00:00Z"
      })
  void malformed_parameters_are_bad_requests(String query) {
    var r = admin().get("/api/admin/audit-log?" + query);

    assertThat(r.status()).isEqualTo(400);
    String field = query.substring(0, query.indexOf('='));
    assertThat(r.json().get("error").asString()).contains(field);
  }

  @Test
  void a_cursor_from_another_organisation_is_a_bad_request() {
    ApiClient other = adminOfNew(Plan.BUSINESS);
    log.record(organisationOf(other), "test.entry", "someone", null, Map.of());
    String foreignId = entries(other, "").get(0).get("id").asString();

    assertThat(admin().get("/api/admin/audit-log?before=" + foreignId).status()).isEqualTo(400);
  }

  @Test
  void limit_200_is_accepted() {
    assertThat(admin().get("/api/admin/audit-log?limit=200").status()).isEqualTo(200);
  }

  /** A new organisation on {@code plan} with a new admin, signed in. */
  private ApiClient adminOfNew(Plan plan) {
    var organisation = organisations.create("Org " + UUID.randomUUID(), plan);
    String email = "admin-" + UUID.randomUUID() + "@example.com";
    members.add(organisation.id(), new NewMember(email, "Admin", PASSWORD, Role.ADMIN));
    var client = anonymous();
    client.signIn(email, PASSWORD);
    return client;
  }

  private static String organisationOf(ApiClient client) {
    return client.get("/api/auth/me").json().get("organisation").get("id").asString();
  }

  private static JsonNode entries(ApiClient client, String query) {
    var r = client.get("/api/admin/audit-log" + query);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("entries");
  }

  private static List<String> types(JsonNode entries) {
    List<String> types = new ArrayList<>();
    entries.forEach(e -> types.add(e.get("type").asString()));
    return types;
  }
}
