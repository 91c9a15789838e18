package one.knoq.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import one.knoq.audit.AuditEntries;
import one.knoq.audit.AuditEntry;
import one.knoq.audit.AuditQuery;
import one.knoq.identity.Organisation;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** SCIM contract tests: each test provisions into an organisation of its own with its own token. */
abstract class ScimTest extends ServerTest {

  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  @Autowired ScimTokens tokens;
  @Autowired Organisations organisations;
  @Autowired AuditEntries audit;

  /** A new Business organisation and a SCIM client holding its token. */
  ScimClient newTenant() {
    Organisation org = organisations.create("Tenant " + UUID.randomUUID(), Plan.BUSINESS);
    return client(org.id());
  }

  ScimClient client(String organisationId) {
    return new ScimClient(baseUrl(), tokens.issue(organisationId), "/api/scim/v2");
  }

  String bootstrapOrganisationId() {
    return admin().get("/api/auth/me").json().path("organisation").path("id").asText();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static String userBody(String userName, String email) {
    return ApiClient.json(
        "schemas", List.of(USER),
        "userName", userName,
        "name", java.util.Map.of("givenName", "Ada", "familyName", "Lovelace"),
        "emails", List.of(java.util.Map.of("value", email, "type", "work", "primary", true)),
        "active", true);
  }

  static String patch(String... operationsJson) {
    return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operationsJson) + "]}";
  }

  static JsonNode created(ScimClient scim, String userName) {
    var r = scim.post("/Users", userBody(userName, userName));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static void assertScimError(ApiClient.Response r, int status, String scimType) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/scim+json");
    JsonNode body = r.json();
    assertThat(body.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(body.path("status").isString()).isTrue();
    assertThat(body.path("status").asText()).isEqualTo(Integer.toString(status));
    assertThat(body.path("detail").asText()).isNotBlank();
    if (scimType != null) {
      assertThat(body.path("scimType").asText()).isEqualTo(scimType);
    }
  }

  List<AuditEntry> auditOf(String organisationId, String typePrefix) {
    return audit.search(new AuditQuery(organisationId, typePrefix, null, null, null, null, 100));
  }

  static Instant now() {
    return Instant.now();
  }
}
