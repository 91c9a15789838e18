package one.knoq.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;

/** The CSRF origin guard and the contract's order of checks: 401, then 403, then 400. */
class OriginGuardTests extends ServerTest {

  private static final String CSRF = "{\"error\":\"CSRF origin check failed\"}";

  private static ApiClient.Response signIn(ApiClient client) {
    return client.post("/api/auth/sign-in", ApiClient.json("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
  }

  @Test
  void sign_in_without_origin_is_refused() {
    var r = signIn(anonymous().withOrigin(null));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo(CSRF);
  }

  @Test
  void the_null_origin_and_foreign_origins_are_refused() {
    assertThat(signIn(anonymous().withOrigin("null")).status()).isEqualTo(403);
    assertThat(signIn(anonymous().withOrigin("http://evil.example")).status()).isEqualTo(403);
    assertThat(signIn(anonymous().withOrigin(baseUrl().replace("http:", "https:"))).status()).isEqualTo(403);
    assertThat(signIn(anonymous().withOrigin("http://localhost:1")).status()).isEqualTo(403);
  }

  @Test
  void the_host_is_compared_case_insensitively() {
    assertThat(signIn(anonymous().withOrigin(PUBLIC_ORIGIN.replace("localhost", "LOCALHOST"))).status())
        .isEqualTo(200);
  }

  @Test
  void forwarded_headers_never_widen_what_is_accepted() {
    var r =
        signIn(
            anonymous()
                .withOrigin("https://evil.example")
                .withHeader("X-Forwarded-Host", "evil.example")
                .withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Port", "443"));
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void reads_need_no_origin() {
    var admin = admin().withOrigin(null);
    assertThat(admin.get("/api/auth/me").status()).isEqualTo(200);
    assertThat(admin.get("/api/admin/members").status()).isEqualTo(200);
  }

  @Test
  void a_signed_in_mutation_without_origin_is_refused() {
    var member = newMember();
    assertThat(member.withOrigin(null).post("/api/auth/sign-out", "").status()).isEqualTo(403);
    assertThat(member.withOrigin("http://evil.example").post("/api/auth/sign-out", "").status()).isEqualTo(403);
    // the refused sign-out did not happen
    assertThat(member.get("/api/auth/me").status()).isEqualTo(200);
  }

  @Test
  void authentication_comes_before_origin_which_comes_before_the_body() {
    String invalid = "{not json";
    var r401 = anonymous().withOrigin(null).post("/api/admin/members", invalid);
    assertThat(r401.status()).isEqualTo(401);
    assertThat(r401.json().get("error").isString()).isTrue();
    assertThat(anonymous().withOrigin(null).post("/api/managed-agents/session", invalid).status()).isEqualTo(401);
    assertThat(anonymous().withOrigin(null).post("/api/auth/organisation", invalid).status()).isEqualTo(401);

    var admin = admin();
    assertThat(admin.withOrigin(null).post("/api/admin/members", invalid).body()).isEqualTo(CSRF);

    var r400 = admin.post("/api/admin/members", invalid);
    assertThat(r400.status()).isEqualTo(400);
    var missing = admin.post("/api/admin/members", ApiClient.json("name", "N"));
    assertThat(missing.json().get("error").asString()).isEqualTo("email must be a non-empty string");
  }

  @Test
  void encoded_or_decorated_paths_do_not_slip_past_authentication() {
    assertThat(anonymous().get("/api/%61dmin/members").status()).isEqualTo(401);
    assertThat(anonymous().get("/api/admin;x=1/members").status()).isEqualTo(401);
    assertThat(anonymous().get("/api//admin/members").status()).isEqualTo(401);
  }

  @Test
  void bearer_token_routes_have_no_origin_check() {
    assertThat(anonymous().withOrigin(null).post("/api/scim/v2/Users", "{}").status()).isNotEqualTo(403);
    assertThat(anonymous().withOrigin(null).post("/api/operator/organisations", "{}").status()).isNotEqualTo(403);
  }
}
