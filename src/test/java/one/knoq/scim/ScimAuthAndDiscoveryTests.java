package one.knoq.scim;

import static org.assertj.core.api.Assertions.assertThat;

import one.knoq.identity.Plan;
import org.junit.jupiter.api.Test;

/** The bearer token, both path forms, content types, errors and discovery. */
class ScimAuthAndDiscoveryTests extends ScimTest {

  @Test
  void missing_wrong_and_replaced_tokens_are_scim_401s_without_a_user_agent() { // facts 14, 28, 31
    var org = organisations.create("Auth", Plan.BUSINESS);
    String first = tokens.issue(org.id());
    var none = new ScimClient(baseUrl(), null, "/api/scim/v2");
    assertScimError(none.get("/Users"), 401, null);
    assertScimError(new ScimClient(baseUrl(), "not-a-token", "/api/scim/v2").get("/Users"), 401, null);
    assertThat(new ScimClient(baseUrl(), first, "/api/scim/v2").get("/Users").status()).isEqualTo(200);
    String second = tokens.issue(org.id());
    assertScimError(new ScimClient(baseUrl(), first, "/api/scim/v2").get("/Users"), 401, null);
    assertThat(new ScimClient(baseUrl(), second, "/api/scim/v2").get("/Users").status()).isEqualTo(200);
    tokens.revoke(org.id());
    assertScimError(new ScimClient(baseUrl(), second, "/api/scim/v2").get("/Users"), 401, null);
    // java.net.http sends no User-Agent unless told; an empty one is accepted too (fact 28)
    var emptyUa = new ScimClient(baseUrl(), tokens.issue(org.id()), "/api/scim/v2");
    assertThat(emptyUa.get("/Users").status()).isEqualTo(200);
  }

  @Test
  void a_token_of_an_organisation_without_the_business_plan_is_403() {
    var org = organisations.create("Team", Plan.TEAM);
    assertScimError(client(org.id()).get("/Users"), 403, null);
  }

  @Test
  void both_path_forms_answer_and_a_cookie_or_origin_is_not_needed() {
    var scim = newTenant();
    var user = created(scim, unique("paths"));
    assertThat(scim.get("/Users/" + user.path("id").asText()).status()).isEqualTo(200);
    assertThat(scim.at("/api/scim").get("/Users/" + user.path("id").asText()).status()).isEqualTo(200);
    assertScimError(scim.get("/Nope"), 404, null);
  }

  @Test
  void requests_may_be_application_json_or_scim_json_with_charset_and_answers_are_scim_json() { // facts 15, 22
    var scim = newTenant();
    var plain = scim.send("POST", "/Users", userBody(unique("json"), unique("json")), "application/json");
    assertThat(plain.status()).isEqualTo(201);
    assertThat(plain.header("Content-Type")).startsWith("application/scim+json");
    var charset = scim.send("POST", "/Users", userBody(unique("cs"), unique("cs")), "application/scim+json; charset=utf-8");
    assertThat(charset.status()).isEqualTo(201);
    assertThat(scim.get("/Users").header("Content-Type")).startsWith("application/scim+json");
  }

  @Test
  void every_error_uses_the_scim_error_schema_with_status_as_a_string() { // fact 31
    var scim = newTenant();
    assertScimError(scim.get("/Users/does-not-exist"), 404, null);
    assertScimError(scim.get("/Users?filter=nickName%20eq"), 400, "invalidFilter");
    assertScimError(scim.send("POST", "/Users", "{not json", "application/scim+json"), 400, "invalidSyntax");
  }

  @Test
  void service_provider_config_states_what_is_supported() { // facts 38, 39
    var scim = newTenant();
    var config = scim.get("/ServiceProviderConfig?filter=whatever").json();
    assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
    assertThat(config.path("filter").path("supported").asBoolean()).isTrue();
    assertThat(config.path("filter").path("maxResults").asInt()).isPositive();
    assertThat(config.path("etag").path("supported").asBoolean()).isFalse();
    assertThat(config.path("bulk").path("supported").asBoolean()).isFalse();
    assertThat(config.path("sort").path("supported").asBoolean()).isFalse();
    assertThat(config.path("changePassword").path("supported").asBoolean()).isFalse();
    assertThat(config.path("authenticationSchemes").get(0).path("type").asText()).isEqualTo("oauthbearertoken");
  }

  @Test
  void resource_types_and_schemas_are_list_responses() { // fact 38
    var scim = newTenant();
    var types = scim.get("/ResourceTypes?count=0").json();
    assertThat(types.path("Resources").get(0).path("endpoint").asText()).isEqualTo("/Users");
    var schemas = scim.get("/Schemas").json();
    assertThat(schemas.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    assertThat(schemas.path("Resources").get(0).path("description").asText()).isEqualTo("User Account");
    assertThat(schemas.toString()).doesNotContain("null");
  }
}
