package one.knoq.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import one.knoq.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Users: creation, lookups, filters, paging, PUT and PATCH as the real clients send them. */
class ScimUsersTests extends ScimTest {

  @Autowired JdbcTemplate jdbc;

  static String q(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  @Test
  void create_answers_201_with_the_full_user_and_a_duplicate_userName_is_409_uniqueness() { // facts 19, 32
    var scim = newTenant();
    String name = unique("dup");
    var user = created(scim, name);
    assertThat(user.path("id").asText()).isNotBlank();
    assertThat(user.path("userName").asText()).isEqualTo(name);
    assertThat(user.path("emails").get(0).path("value").asText()).isEqualTo(name);
    assertScimError(scim.post("/Users", userBody(name.toUpperCase(), unique("other"))), 409, "uniqueness");
  }

  @Test
  void userName_is_case_insensitive_for_lookups_and_uniqueness_and_stored_as_sent() { // fact 20
    var scim = newTenant();
    String name = "Mixed.Case-" + unique("x");
    created(scim, name);
    var found = scim.get("/Users?filter=" + q("userName eq \"" + name.toUpperCase() + "\"")).json();
    assertThat(found.path("totalResults").asInt()).isEqualTo(1);
    assertThat(found.path("Resources").get(0).path("userName").asText()).isEqualTo(name);
    assertScimError(scim.post("/Users", userBody(name.toLowerCase(), unique("y"))), 409, "uniqueness");
  }

  @Test
  void lookups_by_userName_externalId_id_and_work_email_that_match_nothing_are_empty_200s() { // facts 8, 10, 33
    var scim = newTenant();
    var body = ApiClient.JSON.readTree(userBody(unique("look"), unique("mail")));
    ((tools.jackson.databind.node.ObjectNode) body).put("externalId", "ext-123");
    var user = scim.post("/Users", body.toString()).json();
    String email = user.path("emails").get(0).path("value").asText();
    for (String filter : List.of(
        "externalId eq \"ext-123\"", "id eq \"" + user.path("id").asText() + "\"",
        "emails[type eq \"work\"].value eq \"" + email + "\"", "emails[type eq \"work\" and value eq \"" + email + "\"]")) {
      assertThat(scim.get("/Users?filter=" + q(filter)).json().path("totalResults").asInt()).as(filter).isEqualTo(1);
    }
    // Entra's probe, spaces encoded as '+'
    var none = scim.get("/Users?filter=userName+eq+%22" + java.util.UUID.randomUUID() + "%22");
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().path("totalResults").asInt()).isZero();
    assertThat(none.json().path("Resources").isArray()).isTrue();
    assertThat(none.json().path("Resources")).isEmpty();
  }

  @Test
  void bare_unquoted_values_are_strings_and_unsupported_attributes_are_invalidFilter() { // fact 9
    var scim = newTenant();
    var body = (tools.jackson.databind.node.ObjectNode) ApiClient.JSON.readTree(userBody("Oscar-" + unique("o"), unique("o")));
    body.put("externalId", "jyoung");
    scim.post("/Users", body.toString());
    assertThat(scim.get("/Users?filter=" + q("externalId eq jyoung")).json().path("totalResults").asInt()).isEqualTo(1);
    assertThat(scim.get("/Users?filter=" + q("userName sw O")).json().path("totalResults").asInt()).isEqualTo(1);
    assertScimError(scim.get("/Users?filter=" + q("favouriteColour eq \"blue\"")), 400, "invalidFilter");
    assertScimError(scim.get("/Users?filter=" + q("userName zz \"x\"")), 400, "invalidFilter");
  }

  @Test
  void filter_attribute_names_and_operators_are_case_insensitive_and_the_full_grammar_works() { // fact 35
    var scim = newTenant();
    String name = unique("case");
    created(scim, name);
    created(scim, unique("other"));
    assertThat(scim.get("/Users?filter=" + q("USERNAME Eq \"" + name + "\"")).json().path("totalResults").asInt()).isEqualTo(1);
    assertThat(scim.get("/Users?filter=" + q("name.FamilyName eq \"lovelace\" and not (userName eq \"" + name + "\")")).json().path("totalResults").asInt()).isEqualTo(1);
    assertThat(scim.get("/Users?filter=" + q("userName eq \"" + name + "\" or userName co \"other\"")).json().path("totalResults").asInt()).isEqualTo(2);
    assertThat(scim.get("/Users?filter=" + q("meta.created gt \"2000-01-01T00:00:00Z\"")).json().path("totalResults").asInt()).isEqualTo(2);
  }

  @Test
  void paging_is_one_based_stable_with_integer_counts_and_itemsPerPage_as_returned() { // facts 21, 34
    var scim = newTenant();
    var ids = new ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      ids.add(created(scim, unique("page" + i)).path("id").asText());
    }
    var seen = new ArrayList<String>();
    for (int start = 1; start <= 5; start += 2) {
      JsonNode page = scim.get("/Users?startIndex=" + start + "&count=2").json();
      assertThat(page.path("totalResults").isInt()).isTrue();
      assertThat(page.path("startIndex").isInt()).isTrue();
      assertThat(page.path("itemsPerPage").isInt()).isTrue();
      assertThat(page.path("totalResults").asInt()).isEqualTo(5);
      assertThat(page.path("itemsPerPage").asInt()).isEqualTo(page.path("Resources").size());
      page.path("Resources").forEach(r -> seen.add(r.path("id").asText()));
    }
    assertThat(seen).containsExactlyElementsOf(ids);
    JsonNode low = scim.get("/Users?startIndex=0&count=1").json();
    assertThat(low.path("startIndex").asInt()).isEqualTo(1);
    assertThat(low.path("Resources").get(0).path("id").asText()).isEqualTo(ids.get(0));
    JsonNode zero = scim.get("/Users?count=0").json();
    assertThat(zero.path("totalResults").asInt()).isEqualTo(5);
    assertThat(zero.path("itemsPerPage").asInt()).isZero();
    assertThat(zero.path("Resources")).isEmpty();
    assertThat(scim.get("/Users?count=-3").json().path("itemsPerPage").asInt()).isZero();
    assertThat(scim.get("/Users").json().path("itemsPerPage").asInt()).isEqualTo(5);
  }

  @Test
  void attributes_and_excludedAttributes_on_get_and_list_always_keep_id_and_schemas() { // fact 36
    var scim = newTenant();
    String id = created(scim, unique("attrs")).path("id").asText();
    JsonNode only = scim.get("/Users/" + id + "?attributes=userName,emails").json();
    assertThat(only.has("id")).isTrue();
    assertThat(only.has("schemas")).isTrue();
    assertThat(only.has("userName")).isTrue();
    assertThat(only.has("emails")).isTrue();
    assertThat(only.has("name")).isFalse();
    JsonNode filtered = scim.get("/Users?attributes=" + q("emails[type eq \"work\"]")).json().path("Resources").get(0);
    assertThat(filtered.has("emails")).isTrue();
    assertThat(filtered.has("userName")).isFalse();
    JsonNode without = scim.get("/Users/" + id + "?excludedAttributes=emails,id").json();
    assertThat(without.has("emails")).isFalse();
    assertThat(without.has("id")).isTrue();
    JsonNode patched = scim.patch("/Users/" + id + "?attributes=displayName", patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"A\"}")).json();
    assertThat(patched.path("displayName").asText()).isEqualTo("A");
    assertThat(patched.has("emails")).isFalse();
  }

  @Test
  void unknown_deleted_ids_are_404_for_every_operation_and_the_userName_can_be_reused() { // facts 32, 33
    var scim = newTenant();
    String name = unique("gone");
    String id = created(scim, name).path("id").asText();
    assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
    assertScimError(scim.get("/Users/" + id), 404, null);
    assertScimError(scim.put("/Users/" + id, userBody(name, name)), 404, null);
    assertScimError(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")), 404, null);
    assertScimError(scim.delete("/Users/" + id), 404, null);
    assertThat(scim.post("/Users", userBody(name, name)).status()).isEqualTo(201);
  }

  @Test
  void patch_ops_are_case_insensitive_and_booleans_may_be_strings() { // facts 1, 2, 16, 28
    var scim = newTenant();
    String id = created(scim, unique("ops")).path("id").asText();
    var r = scim.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("active").isBoolean()).isTrue();
    assertThat(r.json().path("active").asBoolean()).isFalse();
    r = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}", "{\"op\":\"add\",\"path\":\"title\",\"value\":\"Eng\"}"));
    assertThat(r.json().path("active").asBoolean()).isTrue();
    assertThat(r.json().path("title").asText()).isEqualTo("Eng");
    r = scim.patch("/Users/" + id, patch("{\"op\":\"REMOVE\",\"path\":\"title\"}"));
    assertThat(r.json().has("title")).isFalse();
    var posted = scim.post("/Users", "{\"userName\":\"" + unique("str") + "\",\"active\":\"True\"}");
    assertThat(posted.json().path("active").asBoolean()).isTrue();
    assertThat(posted.json().path("active").isBoolean()).isTrue();
  }

  @Test
  void value_paths_sub_attributes_and_several_ops_in_one_patch() { // fact 3
    var scim = newTenant();
    String id = created(scim, unique("multi")).path("id").asText();
    var r = scim.patch("/Users/" + id, patch(
        "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@example.com\"}",
        "{\"op\":\"Replace\",\"path\":\"name.givenName\",\"value\":\"Grace\"}",
        "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"Hopper\"}",
        "{\"op\":\"Replace\",\"path\":\"externalId\",\"value\":\"e-1\"}",
        "{\"op\":\"Add\",\"path\":\"addresses[type eq \\\"work\\\"].formatted\",\"value\":\"1 Main St\"}",
        "{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":employeeNumber\",\"value\":\"42\"}")).json();
    assertThat(r.path("emails")).hasSize(1);
    assertThat(r.path("emails").get(0).path("value").asText()).isEqualTo("new@example.com");
    assertThat(r.path("name").path("givenName").asText()).isEqualTo("Grace");
    assertThat(r.path("name").path("familyName").asText()).isEqualTo("Hopper");
    assertThat(r.path("externalId").asText()).isEqualTo("e-1");
    assertThat(r.path("addresses").get(0).path("type").asText()).isEqualTo("work");
    assertThat(r.path("addresses").get(0).path("formatted").asText()).isEqualTo("1 Main St");
    assertThat(r.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("42");
  }

  @Test
  void path_less_values_are_read_as_paths_not_literal_names() { // facts 4, 17
    var scim = newTenant();
    String id = created(scim, unique("pathless")).path("id").asText();
    var r = scim.patch("/Users/" + id, patch(
        "{\"op\":\"replace\",\"value\":{\"displayName\":\"Grace H\",\"name.givenName\":\"Grace\",\"name.familyName\":\"Hopper\",\"" + ENTERPRISE + ":employeeNumber\":\"7\"}}",
        "{\"op\":\"add\",\"value\":{\"name.middleName\":\"B\"}}")).json();
    assertThat(r.path("displayName").asText()).isEqualTo("Grace H");
    assertThat(r.path("name").path("givenName").asText()).isEqualTo("Grace");
    assertThat(r.path("name").path("familyName").asText()).isEqualTo("Hopper");
    assertThat(r.path("name").path("middleName").asText()).isEqualTo("B");
    assertThat(r.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("7");
    assertThat(r.has("name.givenName")).isFalse();
    var off = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":false}}")).json();
    assertThat(off.path("active").asBoolean()).isFalse();
  }

  @Test
  void a_filtered_replace_that_matches_nothing_adds_the_value() { // fact 11
    var scim = newTenant();
    String id = scim.post("/Users", "{\"userName\":\"" + unique("nowork") + "\"}").json().path("id").asText();
    var r = scim.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"w@example.com\"}")).json();
    assertThat(r.path("emails")).hasSize(1);
    assertThat(r.path("emails").get(0).path("type").asText()).isEqualTo("work");
    assertThat(r.path("emails").get(0).path("value").asText()).isEqualTo("w@example.com");
  }

  @Test
  void manager_is_accepted_as_a_string_or_an_object_and_returned_as_an_object() { // fact 12
    var scim = newTenant();
    String id = created(scim, unique("mgr")).path("id").asText();
    var r = scim.patch("/Users/" + id, patch("{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"boss-1\"}")).json();
    assertThat(r.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo("boss-1");
    var posted = scim.post("/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"" + unique("m2") + "\",\"" + ENTERPRISE + "\":{\"Department\":\"R&D\",\"Manager\":{\"Value\":\"boss-2\"}}}").json();
    assertThat(posted.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo("boss-2");
    assertThat(posted.path(ENTERPRISE).path("department").asText()).isEqualTo("R&D");
  }

  @Test
  void the_enterprise_extension_is_read_and_written_nested_and_by_urn_path() { // fact 13
    var scim = newTenant();
    var posted = scim.post("/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"" + unique("ent") + "\",\"" + ENTERPRISE + "\":{\"department\":\"Sales\",\"employeeNumber\":\"9\"}}").json();
    assertThat(posted.path("schemas").toString()).contains(ENTERPRISE);
    String id = posted.path("id").asText();
    var r = scim.patch("/Users/" + id, patch(
        "{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":organization\",\"value\":\"Knoq\"}",
        "{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"Eng\"}")).json();
    assertThat(r.path(ENTERPRISE).path("organization").asText()).isEqualTo("Knoq");
    assertThat(r.path(ENTERPRISE).path("department").asText()).isEqualTo("Eng");
    assertThat(r.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("9");
    assertThat(scim.get("/Users?filter=" + q(ENTERPRISE + ":department eq \"eng\"")).json().path("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void values_are_stored_as_sent_and_deactivated_users_stay_visible() { // fact 15
    var scim = newTenant();
    String email = "Odd.Case+tag-" + java.util.UUID.randomUUID() + "@Example.COM";
    var body = "{\"userName\":\"" + email + "\",\"emails\":[{\"value\":\"" + email + "\",\"type\":\"work\"}],\"phoneNumbers\":[{\"value\":\"+1 (555) 010-0000\",\"type\":\"work\"}]}";
    var user = scim.post("/Users", body).json();
    assertThat(user.path("emails").get(0).path("value").asText()).isEqualTo(email);
    assertThat(user.path("phoneNumbers").get(0).path("value").asText()).isEqualTo("+1 (555) 010-0000");
    String id = user.path("id").asText();
    scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));
    assertThat(scim.get("/Users/" + id).json().path("active").asBoolean()).isFalse();
    assertThat(scim.get("/Users?filter=" + q("userName eq \"" + email + "\"")).json().path("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void put_ignores_readOnly_data_and_unknown_attributes_needs_userName_and_never_creates() { // facts 18, 40
    var scim = newTenant();
    String name = unique("put");
    JsonNode user = created(scim, name);
    String id = user.path("id").asText();
    var edited = (tools.jackson.databind.node.ObjectNode) user.deepCopy();
    edited.put("displayName", "Ada L");
    edited.putArray("groups");
    edited.put("adreses", "misspelled");
    edited.put("id", "something-else");
    var r = scim.put("/Users/" + id, edited.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("id").asText()).isEqualTo(id);
    assertThat(r.json().path("displayName").asText()).isEqualTo("Ada L");
    assertThat(r.json().has("adreses")).isFalse();
    assertThat(r.json().path("emails").get(0).path("value").asText()).isEqualTo(name);
    edited.remove("userName");
    assertScimError(scim.put("/Users/" + id, edited.toString()), 400, "invalidValue");
    assertScimError(scim.put("/Users/unknown-id", userBody(name, name)), 404, null);
  }

  @Test
  void okta_extra_attributes_are_accepted_password_is_never_returned_and_emails_have_one_primary() { // fact 26
    var scim = newTenant();
    String name = unique("okta");
    var body = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name + "\",\"password\":\"S3cret-password!\",\"groups\":[],\"locale\":\"en-US\",\"displayName\":\"O K\",\"externalId\":\"00u1\","
        + "\"emails\":[{\"value\":\"" + name + "\",\"type\":\"work\"},{\"value\":\"home-" + name + "\",\"type\":\"home\"}]}";
    var r = scim.post("/Users", body);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).doesNotContain("S3cret").doesNotContain("password");
    assertThat(r.json().path("locale").asText()).isEqualTo("en-US");
    int primaries = 0;
    for (JsonNode e : r.json().path("emails")) {
      primaries += e.path("primary").asBoolean() ? 1 : 0;
    }
    assertThat(primaries).isEqualTo(1);
    assertThat(scim.get("/Users/" + r.json().path("id").asText()).body()).doesNotContain("S3cret");
  }

  @Test
  void deprovisioning_ends_sign_ins_and_membership_and_reactivation_makes_a_viewer_again() { // spec 9, fact 17
    String orgId = bootstrapOrganisationId();
    var scim = client(orgId);
    var member = newUser("member");
    String email = member.get("/api/auth/me").json().path("user").path("email").asText();
    // adopting an existing member: 201 and the membership (role) is kept
    var adopted = scim.post("/Users", userBody(email, email));
    assertThat(adopted.status()).isEqualTo(201);
    String id = adopted.json().path("id").asText();
    assertThat(member.get("/api/auth/me").status()).isEqualTo(200);
    var off = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));
    assertThat(off.status()).isEqualTo(200);
    assertThat(member.get("/api/auth/me").status()).isEqualTo(401);
    assertThat(admin().get("/api/admin/members").body()).doesNotContain(email);
    assertThat(auditOf(orgId, "scim.user_deprovisioned")).anyMatch(e -> id.equals(((Map<?, ?>) e.details()).get("scimId")));
    scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}"));
    JsonNode members = admin().get("/api/admin/members").json();
    assertThat(members.toString()).contains(email);
    // the password was never touched: the user can sign in again, now as a viewer
    var again = anonymous();
    again.signIn(email, "a long enough password");
    assertThat(again.get("/api/auth/me").json().path("organisation").path("role").asText()).isEqualTo("viewer");
  }

  @Test
  void put_with_active_false_deprovisions_and_delete_removes_the_resource() { // facts 17, 29
    String orgId = bootstrapOrganisationId();
    var scim = client(orgId);
    var member = newUser("member");
    String email = member.get("/api/auth/me").json().path("user").path("email").asText();
    JsonNode user = scim.post("/Users", userBody(email, email)).json();
    var body = (tools.jackson.databind.node.ObjectNode) user.deepCopy();
    body.put("active", false);
    assertThat(scim.put("/Users/" + user.path("id").asText(), body.toString()).json().path("active").asBoolean()).isFalse();
    assertThat(member.get("/api/auth/me").status()).isEqualTo(401);
    assertThat(scim.delete("/Users/" + user.path("id").asText()).status()).isEqualTo(204);
    assertThat(auditOf(orgId, "scim.user_deleted")).isNotEmpty();
  }

  @Test
  void a_user_with_the_email_of_an_existing_global_user_is_linked_and_keeps_its_credentials() {
    var scimA = newTenant();
    var member = newUser("member"); // a member of the bootstrap organisation only
    String email = member.get("/api/auth/me").json().path("user").path("email").asText();
    var linked = scimA.post("/Users", userBody(email, email));
    assertThat(linked.status()).isEqualTo(201);
    var again = anonymous();
    again.signIn(email, "a long enough password");
    assertThat(again.get("/api/auth/me").json().path("organisations").size()).isEqualTo(2);
  }

  @Test
  void members_added_by_hand_are_not_listed_until_adopted() {
    String orgId = bootstrapOrganisationId();
    var scim = client(orgId);
    var member = newUser("member");
    String email = member.get("/api/auth/me").json().path("user").path("email").asText();
    assertThat(scim.get("/Users?filter=" + q("userName eq \"" + email + "\"")).json().path("totalResults").asInt()).isZero();
    assertThat(scim.get("/Users").body()).doesNotContain(email);
  }

  @Test
  void a_token_of_one_organisation_never_sees_another_organisations_users() {
    var a = newTenant();
    var b = newTenant();
    String name = unique("private");
    String id = created(b, name).path("id").asText();
    assertScimError(a.get("/Users/" + id), 404, null);
    assertScimError(a.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")), 404, null);
    assertScimError(a.delete("/Users/" + id), 404, null);
    assertThat(a.get("/Users?filter=" + q("userName eq \"" + name + "\"")).json().path("totalResults").asInt()).isZero();
    assertThat(b.get("/Users/" + id).status()).isEqualTo(200);
  }

  @Test
  void seats_are_counted_when_provisioning() {
    var org = organisations.create("Seats", one.knoq.identity.Plan.BUSINESS);
    jdbc.update("update organisations set seats = 1 where id = ?", org.id());
    var scim = client(org.id());
    assertThat(scim.post("/Users", userBody(unique("s1"), unique("s1"))).status()).isEqualTo(201);
    var refused = scim.post("/Users", userBody(unique("s2"), unique("s2")));
    assertScimError(refused, 403, null);
    assertThat(refused.json().path("detail").asText()).isEqualTo("seat limit reached");
  }

  @Test
  void provisioning_writes_audit_entries() {
    var org = organisations.create("Audited", one.knoq.identity.Plan.BUSINESS);
    var scim = client(org.id());
    String id = created(scim, unique("aud")).path("id").asText();
    scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));
    scim.delete("/Users/" + id);
    assertThat(auditOf(org.id(), "scim.")).extracting(e -> e.type())
        .containsExactly("scim.user_deleted", "scim.user_deprovisioned", "scim.user_provisioned");
    assertThat(auditOf(org.id(), "scim.")).allMatch(e -> e.actor().equals("scim"));
  }
}
