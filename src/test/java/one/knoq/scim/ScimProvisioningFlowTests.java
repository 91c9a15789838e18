package one.knoq.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Whole provisioning sequences as Okta and Microsoft Entra ID run them, over a real port. */
class ScimProvisioningFlowTests extends ScimTest {

  @Test
  void okta_lookup_create_requery_put_deactivate_and_reactivate() { // facts 17-22, 26
    String orgId = bootstrapOrganisationId();
    var scim = client(orgId);
    var person = newUser("member"); // signed in already; Okta adopts her
    String email = person.get("/api/auth/me").json().path("user").path("email").asText();
    String userName = email.substring(0, 1).toUpperCase() + email.substring(1);

    var lookup = scim.get("/Users?filter=userName%20eq%20%22" + userName + "%22&startIndex=1&count=100");
    assertThat(lookup.status()).isEqualTo(200);
    assertThat(lookup.json().path("totalResults").asInt()).isZero();

    var create = scim.send("POST", "/Users",
        "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"Pat\",\"familyName\":\"Doe\"},"
            + "\"emails\":[{\"primary\":true,\"value\":\"" + email + "\",\"type\":\"work\"}],\"displayName\":\"Pat Doe\",\"locale\":\"en-US\","
            + "\"externalId\":\"00u" + UUID.randomUUID() + "\",\"groups\":[],\"password\":\"Okta-sync-123!\",\"active\":true}",
        "application/json");
    assertThat(create.status()).isEqualTo(201);
    String id = create.json().path("id").asText();

    var requery = scim.get("/Users?filter=userName%20eq%20%22" + userName.toUpperCase() + "%22&startIndex=1&count=100").json();
    assertThat(requery.path("totalResults").asInt()).isEqualTo(1);
    assertThat(requery.path("Resources").get(0).path("userName").asText()).isEqualTo(userName);

    ObjectNode edited = (ObjectNode) scim.get("/Users/" + id).json();
    ((ObjectNode) edited.path("name")).put("familyName", "Smith");
    edited.putArray("groups");
    var put = scim.put("/Users/" + id, edited.toString());
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("name").path("familyName").asText()).isEqualTo("Smith");
    assertThat(put.json().path("meta").path("resourceType").asText()).isEqualTo("User");

    var deactivate = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"));
    assertThat(deactivate.status()).isEqualTo(200);
    assertThat(deactivate.json().path("active").asBoolean()).isFalse();
    assertThat(person.get("/api/auth/me").status()).isEqualTo(401);
    assertThat(admin().get("/api/admin/members").body()).doesNotContain(email);

    var reactivate = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":true}}"));
    assertThat(reactivate.json().path("active").asBoolean()).isTrue();
    assertThat(admin().get("/api/admin/members").body()).contains(email);
  }

  @Test
  void entra_users_and_groups_with_capitalised_ops_string_booleans_dotted_keys_and_204s() { // facts 1-13, 16
    var scim = newTenant();
    String upn = "alex-" + UUID.randomUUID() + "@contoso.example";
    assertThat(scim.get("/Users?filter=userName+eq+%22" + UUID.randomUUID() + "%22").json().path("Resources")).isEmpty();
    var create = scim.post("/Users",
        "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"externalId\":\"" + UUID.randomUUID() + "\",\"userName\":\"" + upn + "\","
            + "\"active\":\"True\",\"displayName\":\"Alex\",\"emails\":[{\"Primary\":true,\"type\":\"work\",\"value\":\"" + upn + "\"}],"
            + "\"meta\":{\"resourceType\":\"User\"},\"name\":{\"formatted\":\"Alex W\",\"familyName\":\"W\",\"givenName\":\"Alex\"},"
            + "\"" + ENTERPRISE + "\":{\"Department\":\"Eng\",\"manager\":\"mgr-1\"}}");
    assertThat(create.status()).as(create.toString()).isEqualTo(201);
    JsonNode user = create.json();
    String id = user.path("id").asText();
    assertThat(user.path("active").asBoolean()).isTrue();
    assertThat(user.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo("mgr-1");

    var patched = scim.patch("/Users/" + id, patch(
        "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"" + upn + "\"}",
        "{\"op\":\"Replace\",\"value\":{\"name.givenName\":\"Alexandra\",\"" + ENTERPRISE + ":employeeNumber\":\"1001\"}}",
        "{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"Research\"}"));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("name").path("givenName").asText()).isEqualTo("Alexandra");
    assertThat(patched.json().path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("1001");
    assertThat(patched.json().path(ENTERPRISE).path("department").asText()).isEqualTo("Research");

    String other = created(scim, unique("entra2")).path("id").asText();
    String groupName = "Entra group " + UUID.randomUUID();
    var group = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\",\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
        + "\"externalId\":\"" + UUID.randomUUID() + "\",\"displayName\":\"" + groupName + "\",\"meta\":{\"resourceType\":\"Group\"},\"members\":[]}");
    assertThat(group.status()).isEqualTo(201);
    String g = group.json().path("id").asText();
    var lookup = scim.get("/Groups?excludedAttributes=members&filter=displayName+eq+%22" + groupName.replace(" ", "+") + "%22").json();
    assertThat(lookup.path("Resources").get(0).path("id").asText()).isEqualTo(g);
    assertThat(lookup.path("Resources").get(0).has("members")).isFalse();
    assertThat(scim.patch("/Groups/" + g, patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + id + "\"},{\"$ref\":null,\"value\":\"" + other + "\"}]}")).status()).isEqualTo(204);
    assertThat(scim.patch("/Groups/" + g, patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + other + "\"}]}")).status()).isEqualTo(204);
    JsonNode members = scim.get("/Groups/" + g).json().path("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).path("value").asText()).isEqualTo(id);

    var disabled = scim.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
    assertThat(disabled.json().path("active").asBoolean()).isFalse();
    assertThat(scim.get("/Users/" + id).json().path("active").asBoolean()).isFalse();
    assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
    assertThat(scim.get("/Groups/" + g).json().path("members")).isEmpty();
    assertThat(scim.delete("/Groups/" + g).status()).isEqualTo(204);
  }
}
