package one.knoq.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;

class MembersApiTests extends ServerTest {

  static final String PASSWORD = "a long enough password";

  @Autowired Organisations organisations;
  @Autowired Members members;

  private static String email() {
    return "m-" + UUID.randomUUID() + "@example.com";
  }

  private static String newMemberBody(String email, String role) {
    return ApiClient.json("email", email, "name", "New Member", "password", PASSWORD, "role", role);
  }

  /** The admin of a new organisation of its own, signed in. */
  private ApiClient adminOfNewOrganisation(Plan plan) {
    var organisation = organisations.create("Org " + UUID.randomUUID(), plan);
    String email = email();
    members.add(organisation.id(), new NewMember(email, "Own Admin", PASSWORD, Role.ADMIN));
    var client = anonymous();
    client.signIn(email, PASSWORD);
    return client;
  }

  private static String userId(ApiClient client) {
    return client.get("/api/auth/me").json().at("/user/id").asString();
  }

  @Test
  void an_admin_adds_a_member_who_can_then_sign_in() {
    var admin = adminOfNewOrganisation(Plan.TEAM);
    String email = email();

    var created = admin.post("/api/admin/members", newMemberBody(email, "viewer"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode m = created.json();
    assertThat(m.get("userId").asString()).isNotBlank();
    assertThat(m.get("email").asString()).isEqualTo(email);
    assertThat(m.get("name").asString()).isEqualTo("New Member");
    assertThat(m.get("role").asString()).isEqualTo("viewer");
    assertThat(m.get("joinedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    var list = admin.get("/api/admin/members");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("members").size()).isEqualTo(2);
    assertThat(list.json().at("/members/1/userId").asString()).isEqualTo(m.get("userId").asString());

    var member = anonymous();
    member.signIn(email, PASSWORD);
    assertThat(member.get("/api/auth/me").json().at("/organisation/role").asString()).isEqualTo("viewer");
  }

  @Test
  void a_taken_email_is_409_whatever_its_case() {
    var admin = adminOfNewOrganisation(Plan.TEAM);
    String email = email();
    assertThat(admin.post("/api/admin/members", newMemberBody(email, "member")).status()).isEqualTo(201);

    var again = admin.post("/api/admin/members", newMemberBody(email.toUpperCase(), "member"));
    assertThat(again.status()).isEqualTo(409);
    // a user of another organisation too: no invitations yet
    assertThat(admin().post("/api/admin/members", newMemberBody(email, "member")).status()).isEqualTo(409);
  }

  @Test
  void fields_are_validated_by_name() {
    var admin = adminOfNewOrganisation(Plan.TEAM);
    assertThat(error(admin.post("/api/admin/members", newMemberBody(email(), "owner"))))
        .isEqualTo("role must be one of admin, member, viewer");
    assertThat(error(admin.post("/api/admin/members", ApiClient.json("email", email(), "name", "N", "password", "short", "role", "member"))))
        .isEqualTo("password must be at least 12 characters");
    assertThat(error(admin.post("/api/admin/members", ApiClient.json("email", email(), "password", PASSWORD, "role", "member"))))
        .isEqualTo("name must be a non-empty string");
    assertThat(error(admin.post("/api/admin/members", ApiClient.json("email", "not-an-email", "name", "N", "password", PASSWORD, "role", "member"))))
        .isEqualTo("email must be an email address");
    assertThat(error(admin.post("/api/admin/members", ApiClient.json("email", email(), "name", "N", "password", PASSWORD))))
        .isEqualTo("role must be a non-empty string");
  }

  private static String error(ApiClient.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    return r.json().get("error").asString();
  }

  @Test
  void members_and_viewers_may_not_manage_members() {
    var member = newMember();
    assertThat(member.get("/api/admin/members").status()).isEqualTo(403);
    assertThat(member.post("/api/admin/members", newMemberBody(email(), "member")).status()).isEqualTo(403);
    assertThat(member.patch("/api/admin/members/" + userId(member), ApiClient.json("role", "admin")).status())
        .isEqualTo(403);
    assertThat(newUser("viewer").get("/api/admin/members").status()).isEqualTo(403);
  }

  @Test
  void seats_beyond_the_plan_are_refused() {
    var solo = adminOfNewOrganisation(Plan.SOLO);
    var r = solo.post("/api/admin/members", newMemberBody(email(), "member"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("error").asString()).isEqualTo("seat limit reached");
  }

  @Test
  void an_admin_changes_a_role() {
    var admin = adminOfNewOrganisation(Plan.TEAM);
    String id = admin.post("/api/admin/members", newMemberBody(email(), "member")).json().get("userId").asString();

    var changed = admin.patch("/api/admin/members/" + id, ApiClient.json("role", "admin"));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("role").asString()).isEqualTo("admin");
    assertThat(changed.json().get("userId").asString()).isEqualTo(id);
    assertThat(admin.patch("/api/admin/members/" + id, ApiClient.json("role", "boss")).status()).isEqualTo(400);
  }

  @Test
  void the_last_admin_can_be_neither_demoted_nor_removed() {
    var admin = adminOfNewOrganisation(Plan.TEAM);
    String self = userId(admin);

    assertThat(admin.patch("/api/admin/members/" + self, ApiClient.json("role", "member")).status()).isEqualTo(409);
    assertThat(admin.delete("/api/admin/members/" + self).status()).isEqualTo(409);

    String other = admin.post("/api/admin/members", newMemberBody(email(), "admin")).json().get("userId").asString();
    assertThat(admin.patch("/api/admin/members/" + self, ApiClient.json("role", "member")).status()).isEqualTo(200);
    // the demotion is seen on the very next request
    assertThat(admin.get("/api/admin/members").status()).isEqualTo(403);
    assertThat(other).isNotBlank();
  }

  @Test
  void removing_a_member_ends_its_sign_ins_in_this_organisation_at_once() {
    var admin = adminOfNewOrganisation(Plan.TEAM);
    String email = email();
    String id = admin.post("/api/admin/members", newMemberBody(email, "member")).json().get("userId").asString();
    var member = anonymous();
    member.signIn(email, PASSWORD);
    assertThat(member.get("/api/auth/me").status()).isEqualTo(200);

    var removed = admin.delete("/api/admin/members/" + id);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().get("ok").asBoolean()).isTrue();

    assertThat(member.get("/api/auth/me").status()).isEqualTo(401);
    assertThat(admin.delete("/api/admin/members/" + id).status()).isEqualTo(404);
  }

  @Test
  void users_of_another_organisation_are_not_found() {
    var admin = adminOfNewOrganisation(Plan.TEAM);
    String stranger = userId(newMember()); // a member of the bootstrap organisation

    assertThat(admin.patch("/api/admin/members/" + stranger, ApiClient.json("role", "viewer")).status()).isEqualTo(404);
    assertThat(admin.delete("/api/admin/members/" + stranger).status()).isEqualTo(404);
    assertThat(admin.delete("/api/admin/members/no-such-user").status()).isEqualTo(404);
    assertThat(admin.get("/api/admin/members").json().get("members").size()).isEqualTo(1);
  }
}
