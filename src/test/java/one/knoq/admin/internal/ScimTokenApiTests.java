package one.knoq.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import one.knoq.identity.Members;
import one.knoq.identity.NewMember;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;
import one.knoq.identity.Role;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST} and {@code DELETE /api/admin/scim-token} over a real port. */
class ScimTokenApiTests extends ServerTest {

  private static final String PASSWORD = "a long enough password";

  @Autowired Organisations organisations;
  @Autowired Members members;
  @Autowired JdbcTemplate jdbc;

  @Test
  void an_admin_gets_a_new_token_once_and_it_replaces_the_previous_one() throws Exception {
    ApiClient admin = adminOfNew(Plan.BUSINESS);

    var first = admin.post("/api/admin/scim-token", "{}");
    var second = admin.post("/api/admin/scim-token", "{}");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Cache-Control")).contains("no-store");
    String old = first.json().get("token").asString();
    String current = second.json().get("token").asString();
    assertThat(current).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(43);
    // only the current token's hash is stored (the SCIM module reads it on every request)
    assertThat(storedHashes(admin)).containsExactly(sha256(current));
  }

  @Test
  void a_replaced_or_revoked_token_is_refused_by_the_scim_api_at_once() {
    ApiClient admin = adminOfNew(Plan.BUSINESS);
    String old = admin.post("/api/admin/scim-token", "{}").json().get("token").asString();
    assertThat(scim(old).status()).isEqualTo(200);

    String current = admin.post("/api/admin/scim-token", "{}").json().get("token").asString();

    assertThat(scim(old).status()).isEqualTo(401);
    assertThat(scim(current).status()).isEqualTo(200);

    admin.delete("/api/admin/scim-token");

    assertThat(scim(current).status()).isEqualTo(401);
  }

  @Test
  void generating_a_token_is_audited_and_so_is_revoking() {
    ApiClient admin = adminOfNew(Plan.BUSINESS);
    String adminId = admin.get("/api/auth/me").json().get("user").get("id").asString();

    admin.post("/api/admin/scim-token", "{}");
    var revoked = admin.delete("/api/admin/scim-token");

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("ok").asBoolean()).isTrue();
    assertThat(storedHashes(admin)).isEmpty();
    var entries = admin.get("/api/admin/audit-log?type=scim.token").json().get("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("type").asString()).isEqualTo("scim.token_revoked");
    assertThat(entries.get(1).get("type").asString()).isEqualTo("scim.token_generated");
    assertThat(entries.get(1).get("actor").asString()).isEqualTo(adminId);
  }

  @Test
  void revoking_without_a_token_is_fine() {
    assertThat(adminOfNew(Plan.BUSINESS).delete("/api/admin/scim-token").status()).isEqualTo(200);
  }

  @Test
  void needs_a_sign_in_and_our_origin() {
    assertThat(anonymous().post("/api/admin/scim-token", "{}").status()).isEqualTo(401);
    assertThat(anonymous().delete("/api/admin/scim-token").status()).isEqualTo(401);
    var noOrigin = admin().withOrigin(null).post("/api/admin/scim-token", "{}");
    assertThat(noOrigin.status()).isEqualTo(403);
    assertThat(noOrigin.json().get("error").asString()).isEqualTo("CSRF origin check failed");
    assertThat(admin().withOrigin("https://evil.example").delete("/api/admin/scim-token").status()).isEqualTo(403);
  }

  @Test
  void members_and_viewers_are_forbidden() {
    for (String role : new String[] {"member", "viewer"}) {
      ApiClient user = newUser(role);
      assertThat(user.post("/api/admin/scim-token", "{}").status()).isEqualTo(403);
      assertThat(user.delete("/api/admin/scim-token").status()).isEqualTo(403);
    }
  }

  @Test
  void organisations_without_the_business_plan_are_forbidden() {
    ApiClient admin = adminOfNew(Plan.TEAM);

    var r = admin.post("/api/admin/scim-token", "{}");

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("error").asString()).contains("plan does not include SCIM");
    assertThat(admin.delete("/api/admin/scim-token").status()).isEqualTo(403);
    assertThat(storedHashes(admin)).isEmpty();
  }

  private static ApiClient.Response scim(String token) {
    return anonymous()
        .withOrigin(null)
        .withHeader("Authorization", "Bearer " + token)
        .get("/api/scim/v2/ServiceProviderConfig");
  }

  private java.util.List<String> storedHashes(ApiClient admin) {
    String org = admin.get("/api/auth/me").json().get("organisation").get("id").asString();
    return jdbc.queryForList("select token_hash from scim_tokens where organisation_id = ?", String.class, org);
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  private ApiClient adminOfNew(Plan plan) {
    var organisation = organisations.create("Org " + UUID.randomUUID(), plan);
    String email = "admin-" + UUID.randomUUID() + "@example.com";
    members.add(organisation.id(), new NewMember(email, "Admin", PASSWORD, Role.ADMIN));
    var client = anonymous();
    client.signIn(email, PASSWORD);
    return client;
  }
}
