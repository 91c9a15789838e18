package one.knoq.operator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The operator API over a real port, with {@code KNOQ_OPERATOR_TOKEN} set. */
@TestPropertySource(properties = "knoq.operator.token=" + OperatorApiTests.TOKEN)
class OperatorApiTests extends ServerTest {

  static final String TOKEN = "test-operator-token-4f1c2e";
  private static final String PASSWORD = "a long enough password";

  /** The operator: a bearer token, no cookie, and no Origin header at all. */
  private static ApiClient operator() {
    return anonymous().withOrigin(null).withHeader("Authorization", "Bearer " + TOKEN);
  }

  @Test
  void without_the_right_bearer_token_every_route_is_401() {
    var wrong = anonymous().withHeader("Authorization", "Bearer wrong-token");
    var basic = anonymous().withHeader("Authorization", "Basic " + TOKEN);
    for (ApiClient client : new ApiClient[] {anonymous(), wrong, basic, admin()}) {
      var r = client.get("/api/operator/organisations");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().get("error").asString()).isNotBlank();
      assertThat(client.post("/api/operator/organisations", "not even json").status()).isEqualTo(401);
      assertThat(client.patch("/api/operator/organisations/x", "{}").status()).isEqualTo(401);
    }
  }

  @Test
  void the_token_needs_no_cookie_and_no_origin_check() {
    assertThat(operator().get("/api/operator/organisations").status()).isEqualTo(200);
    var evil = operator().withOrigin("https://evil.example");
    assertThat(evil.post("/api/operator/organisations", create("Evil-origin Ltd", "team", uniqueEmail())).status())
        .isEqualTo(201);
  }

  @Test
  void creating_an_organisation_makes_its_admin_who_can_sign_in_and_read_the_audit_log() {
    String email = uniqueEmail();

    var r = operator().post("/api/operator/organisations", create("Acme", "business", email));

    assertThat(r.status()).isEqualTo(201);
    JsonNode o = r.json();
    assertThat(o.get("id").asString()).isNotBlank();
    assertThat(o.get("name").asString()).isEqualTo("Acme");
    assertThat(o.get("plan").asString()).isEqualTo("business");
    assertThat(o.get("queryLimit").asLong()).isEqualTo(200_000);
    assertThat(o.get("capUsd").asDouble()).isEqualTo(5000.0);
    assertThat(o.get("seats").asLong()).isEqualTo(Integer.MAX_VALUE);
    assertThat(o.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    var admin = anonymous();
    JsonNode me = admin.signIn(email, PASSWORD).json();
    assertThat(me.get("organisation").get("id").asString()).isEqualTo(o.get("id").asString());
    assertThat(me.get("organisation").get("role").asString()).isEqualTo("admin");
    JsonNode entries = admin.get("/api/admin/audit-log").json().get("entries");
    assertThat(types(entries)).containsExactly("member.joined", "organisation.created");
    assertThat(entries.get(0).get("actor").asString()).isEqualTo("operator");
  }

  @Test
  void a_team_organisation_has_no_audit_log_or_scim_token() {
    String email = uniqueEmail();
    var r = operator().post("/api/operator/organisations", create("Team Co", "team", email));
    assertThat(r.json().get("seats").asInt()).isEqualTo(100);

    var admin = anonymous();
    admin.signIn(email, PASSWORD);

    assertThat(admin.get("/api/admin/audit-log").status()).isEqualTo(403);
    assertThat(admin.post("/api/admin/scim-token", "{}").status()).isEqualTo(403);
  }

  @Test
  void an_admin_email_that_is_taken_is_409_and_creates_nothing() {
    int before = operator().get("/api/operator/organisations").json().get("organisations").size();

    var r = operator().post("/api/operator/organisations", create("Dup Ltd", "team", ADMIN_EMAIL.toUpperCase()));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("error").asString()).isNotBlank();
    assertThat(names(operator().get("/api/operator/organisations").json())).doesNotContain("Dup Ltd");
    assertThat(operator().get("/api/operator/organisations").json().get("organisations").size()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"X\",\"plan\":\"platinum\",\"adminEmail\":\"a@b.example\",\"adminPassword\":\"a long enough password\"}",
        "{\"name\":\"X\",\"plan\":\"team\",\"adminEmail\":\"a@b.example\",\"adminPassword\":\"short\"}",
        "{\"plan\":\"team\",\"adminEmail\":\"a@b.example\",\"adminPassword\":\"a long enough password\"}",
        "{\"name\":\"X\",\"plan\":\"team\",\"adminEmail\":\"not-an-email\",\"adminPassword\":\"a long enough password\"}",
        "{\"name\":\"X\",\"plan\":\"team\",\"adminPassword\":\"a long enough password\"}",
        "{\"name\":\"X\",\"adminEmail\":\"a@b.example\",\"adminPassword\":\"a long enough password\"}",
        "[]",
        "{not json"
      })
  void invalid_creations_are_400(String body) {
    var r = operator().post("/api/operator/organisations", body);

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().get("error").asString()).isNotBlank();
  }

  @Test
  void the_unknown_plan_and_short_password_messages_name_the_field() {
    var plan = operator().post("/api/operator/organisations", create("X", "platinum", uniqueEmail()));
    assertThat(plan.json().get("error").asString()).contains("plan");
    var password =
        operator()
            .post(
                "/api/operator/organisations",
                ApiClient.json("name", "X", "plan", "team", "adminEmail", uniqueEmail(), "adminPassword", "short"));
    assertThat(password.json().get("error").asString()).contains("adminPassword");
  }

  @Test
  void the_list_holds_every_organisation_oldest_first() {
    operator().post("/api/operator/organisations", create("Listed One", "free", uniqueEmail()));
    operator().post("/api/operator/organisations", create("Listed Two", "solo", uniqueEmail()));

    var r = operator().get("/api/operator/organisations");

    assertThat(r.status()).isEqualTo(200);
    List<String> names = names(r.json());
    assertThat(names).contains("Listed One", "Listed Two");
    assertThat(names.indexOf("Listed One")).isLessThan(names.indexOf("Listed Two"));
    JsonNode first = r.json().get("organisations").get(0);
    assertThat(first.get("plan").asString()).isEqualTo("business");
    assertThat(first.has("queryLimit") && first.has("capUsd") && first.has("seats") && first.has("createdAt")).isTrue();
  }

  @Test
  void patch_overrides_allowances_and_null_returns_to_the_plans_default() {
    String id = operator().post("/api/operator/organisations", create("Patched", "team", uniqueEmail())).json().get("id").asString();
    String path = "/api/operator/organisations/" + id;

    var r = operator().patch(path, "{\"queryLimit\": 123, \"capUsd\": 42.5, \"seats\": 7}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("plan").asString()).isEqualTo("team");
    assertThat(r.json().get("queryLimit").asLong()).isEqualTo(123);
    assertThat(r.json().get("capUsd").asDouble()).isEqualTo(42.5);
    assertThat(r.json().get("seats").asInt()).isEqualTo(7);

    // overrides stay when the plan changes
    r = operator().patch(path, ApiClient.json("plan", "business"));
    assertThat(r.json().get("plan").asString()).isEqualTo("business");
    assertThat(r.json().get("seats").asInt()).isEqualTo(7);

    r = operator().patch(path, "{\"seats\": null, \"queryLimit\": null, \"capUsd\": null}");
    assertThat(r.json().get("seats").asLong()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.json().get("queryLimit").asLong()).isEqualTo(200_000);
    assertThat(r.json().get("capUsd").asDouble()).isEqualTo(5000.0);

    r = operator().patch(path, "{\"seats\": 2147483647, \"queryLimit\": 0, \"capUsd\": 0}");
    assertThat(r.json().get("seats").asLong()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.json().get("queryLimit").asLong()).isZero();

    assertThat(operator().patch(path, "{}").json().get("name").asString()).isEqualTo("Patched");
  }

  @Test
  void a_patch_takes_effect_in_the_organisation_and_is_audited() {
    String email = uniqueEmail();
    String id = operator().post("/api/operator/organisations", create("Upgraded", "team", email)).json().get("id").asString();
    var admin = anonymous();
    admin.signIn(email, PASSWORD);
    assertThat(admin.get("/api/admin/audit-log").status()).isEqualTo(403);

    operator().patch("/api/operator/organisations/" + id, ApiClient.json("plan", "business"));

    JsonNode entries = admin.get("/api/admin/audit-log").json().get("entries");
    assertThat(entries.get(0).get("type").asString()).isEqualTo("organisation.updated");
    assertThat(entries.get(0).get("details").get("plan").asString()).isEqualTo("business");
    assertThat(admin.get("/api/admin/usage").json().get("queryLimit").asLong()).isEqualTo(200_000);
  }

  @Test
  void an_expired_organisation_keeps_its_seats_and_features_but_may_not_chat() {
    String businessAdmin = uniqueEmail();
    String business =
        operator().post("/api/operator/organisations", create("Lapsed Business", "business", businessAdmin)).json().get("id").asString();
    String team = operator().post("/api/operator/organisations", create("Lapsed Team", "team", uniqueEmail())).json().get("id").asString();

    JsonNode expiredTeam = operator().patch("/api/operator/organisations/" + team, ApiClient.json("plan", "expired")).json();
    assertThat(expiredTeam.get("plan").asString()).isEqualTo("expired");
    assertThat(expiredTeam.get("seats").asLong()).isEqualTo(100);
    assertThat(expiredTeam.get("queryLimit").asLong()).isZero();

    operator().patch("/api/operator/organisations/" + business, ApiClient.json("plan", "expired"));
    // setting expired again keeps what it had before, not "expired"
    operator().patch("/api/operator/organisations/" + business, ApiClient.json("plan", "expired"));
    var admin = anonymous();
    admin.signIn(businessAdmin, PASSWORD);
    assertThat(admin.get("/api/admin/audit-log").status()).isEqualTo(200);
    assertThat(admin.post("/api/admin/scim-token", "{}").status()).isEqualTo(200);
    var create = admin.post("/api/managed-agents/session", ApiClient.json("text", "hello"));
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.json().get("error").asString()).isEqualTo("Your organisation's plan does not allow new sessions");

    JsonNode renewed = operator().patch("/api/operator/organisations/" + team, ApiClient.json("plan", "solo")).json();
    assertThat(renewed.get("seats").asLong()).isEqualTo(1);
  }

  @Test
  void patching_an_unknown_organisation_is_404() {
    var r = operator().patch("/api/operator/organisations/" + UUID.randomUUID(), ApiClient.json("plan", "team"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("error").asString()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"plan\":\"platinum\"}", "{\"plan\":null}", "{\"plan\":3}", "{\"queryLimit\":-1}",
        "{\"queryLimit\":1.5}", "{\"queryLimit\":\"10\"}", "{\"capUsd\":-1}", "{\"capUsd\":1.234}",
        "{\"capUsd\":\"5\"}", "{\"seats\":0}", "{\"seats\":2147483648}", "{\"seats\":2.5}", "[]", "{bad"
      })
  void invalid_patches_are_400_even_for_unknown_organisations(String body) {
    String id = operator().get("/api/operator/organisations").json().get("organisations").get(0).get("id").asString();
    for (String target : new String[] {id, UUID.randomUUID().toString()}) {
      var r = operator().patch("/api/operator/organisations/" + target, body);
      assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
    }
  }

  private static String create(String name, String plan, String email) {
    return ApiClient.json("name", name, "plan", plan, "adminEmail", email, "adminPassword", PASSWORD);
  }

  private static String uniqueEmail() {
    return "owner-" + UUID.randomUUID() + "@example.com";
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.get("organisations").forEach(o -> names.add(o.get("name").asString()));
    return names;
  }

  private static List<String> types(JsonNode entries) {
    List<String> types = new ArrayList<>();
    entries.forEach(e -> types.add(e.get("type").asString()));
    return types;
  }
}
