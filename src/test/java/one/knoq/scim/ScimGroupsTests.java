package one.knoq.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Groups: creation, membership PATCHes of Entra, Okta and JumpCloud, PUT, delete, concurrency. */
class ScimGroupsTests extends ScimTest {

  static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  static String groupBody(String name, String... memberIds) {
    var members = new ArrayList<String>();
    for (String id : memberIds) {
      members.add("{\"value\":\"" + id + "\"}");
    }
    return "{\"schemas\":[\"" + GROUP + "\",\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
        + "\"displayName\":\"" + name + "\",\"meta\":{\"resourceType\":\"Group\"},\"members\":[" + String.join(",", members) + "]}";
  }

  static String members(String... ids) {
    var values = new ArrayList<String>();
    for (String id : ids) {
      values.add("{\"$ref\":null,\"value\":\"" + id + "\"}");
    }
    return "[" + String.join(",", values) + "]";
  }

  static List<String> memberIds(ScimClient scim, String groupId) {
    var ids = new ArrayList<String>();
    scim.get("/Groups/" + groupId).json().path("members").forEach(m -> ids.add(m.path("value").asText()));
    return ids;
  }

  String group(ScimClient scim, String... memberIds) {
    var r = scim.post("/Groups", groupBody("G " + java.util.UUID.randomUUID(), memberIds));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  String user(ScimClient scim) {
    return created(scim, unique("gm")).path("id").asText();
  }

  @Test
  void groups_are_created_empty_then_filled_by_patch_answering_204() { // facts 6, 7, 37
    var scim = newTenant();
    String a = user(scim);
    String g = group(scim);
    assertThat(memberIds(scim, g)).isEmpty();
    var r = scim.patch("/Groups/" + g, patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":" + members(a) + "}"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(memberIds(scim, g)).containsExactly(a);
    // adding an existing member again is a no-op success, not a 409
    assertThat(scim.patch("/Groups/" + g, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":" + members(a) + "}")).status()).isEqualTo(204);
    assertThat(memberIds(scim, g)).containsExactly(a);
  }

  @Test
  void remove_with_a_value_array_removes_only_those_members() { // facts 5, 29
    var scim = newTenant();
    String a = user(scim);
    String b = user(scim);
    String c = user(scim);
    String g = group(scim, a, b, c);
    var r = scim.patch("/Groups/" + g, patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]}"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(memberIds(scim, g)).containsExactlyInAnyOrder(a, c);
  }

  @Test
  void remove_by_filter_and_add_apply_in_order_in_one_patch() { // facts 5, 23
    var scim = newTenant();
    String a = user(scim);
    String b = user(scim);
    String g = group(scim, a);
    var r = scim.patch("/Groups/" + g, patch(
        "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + a + "\\\"]\"}",
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\",\"display\":\"B\"}]}"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(memberIds(scim, g)).containsExactly(b);
  }

  @Test
  void replace_members_sets_them_and_an_empty_array_clears_them_and_put_replaces_membership() { // fact 24
    var scim = newTenant();
    String a = user(scim);
    String b = user(scim);
    String g = group(scim, a);
    scim.patch("/Groups/" + g, patch("{\"op\":\"replace\",\"path\":\"members\",\"value\":" + members(b) + "}"));
    assertThat(memberIds(scim, g)).containsExactly(b);
    assertThat(scim.patch("/Groups/" + g, patch("{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}")).status()).isEqualTo(204);
    assertThat(memberIds(scim, g)).isEmpty();
    JsonNode put = scim.put("/Groups/" + g, groupBody("Renamed " + g, a, b)).json();
    assertThat(put.path("displayName").asText()).startsWith("Renamed");
    assertThat(memberIds(scim, g)).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void a_path_less_rename_with_the_readOnly_id_keeps_the_members() { // fact 25
    var scim = newTenant();
    String a = user(scim);
    String g = group(scim, a);
    var r = scim.patch("/Groups/" + g, patch("{\"op\":\"replace\",\"value\":{\"id\":\"" + g + "\",\"displayName\":\"New name " + g + "\"}}"));
    assertThat(r.status()).isEqualTo(204);
    JsonNode group = scim.get("/Groups/" + g).json();
    assertThat(group.path("displayName").asText()).isEqualTo("New name " + g);
    assertThat(memberIds(scim, g)).containsExactly(a);
  }

  @Test
  void an_unknown_member_id_does_not_fail_the_whole_push() { // fact 27
    var scim = newTenant();
    String a = user(scim);
    String g = group(scim);
    var r = scim.patch("/Groups/" + g, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":" + members("no-such-user", a) + "}"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(memberIds(scim, g)).containsExactly(a);
    assertScimError(scim.patch("/Groups/no-such-group", patch("{\"op\":\"add\",\"path\":\"members\",\"value\":" + members(a) + "}")), 404, null);
  }

  @Test
  void lookup_by_displayName_with_excludedAttributes_members() { // facts 8, 36
    var scim = newTenant();
    String a = user(scim);
    String name = "Engineering " + java.util.UUID.randomUUID();
    scim.post("/Groups", groupBody(name, a));
    var found = scim.get("/Groups?excludedAttributes=members&filter=" + URLEncoder.encode("displayName eq \"" + name + "\"", StandardCharsets.UTF_8)).json();
    assertThat(found.path("totalResults").asInt()).isEqualTo(1);
    assertThat(found.path("Resources").get(0).has("members")).isFalse();
    assertThat(found.path("Resources").get(0).path("id").asText()).isNotBlank();
    assertThat(scim.get("/Groups?filter=displayName+eq+%22nothing%22").json().path("Resources")).isEmpty();
    assertScimError(scim.post("/Groups", groupBody(name.toUpperCase())), 409, "uniqueness");
  }

  @Test
  void groups_are_deleted_with_204_and_then_404() { // fact 29
    var scim = newTenant();
    String g = group(scim);
    assertThat(scim.delete("/Groups/" + g).status()).isEqualTo(204);
    assertScimError(scim.get("/Groups/" + g), 404, null);
  }

  @Test
  void twenty_concurrent_member_adds_are_all_kept() throws Exception {
    var scim = newTenant();
    var users = new ArrayList<String>();
    for (int i = 0; i < 20; i++) {
      users.add(user(scim));
    }
    String g = group(scim);
    var pool = Executors.newFixedThreadPool(20);
    try {
      var tasks = new ArrayList<Callable<Integer>>();
      for (String u : users) {
        tasks.add(() -> scim.patch("/Groups/" + g, patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":" + members(u) + "}")).status());
      }
      for (var f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isEqualTo(204);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(memberIds(scim, g)).containsExactlyInAnyOrderElementsOf(users);
  }

  @Test
  void group_changes_are_audited() {
    var org = organisations.create("Group audit", one.knoq.identity.Plan.BUSINESS);
    var scim = client(org.id());
    String g = group(scim);
    scim.patch("/Groups/" + g, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Renamed\"}"));
    assertThat(auditOf(org.id(), "scim.group_changed")).hasSize(2).allMatch(e -> g.equals(e.subject()));
  }
}
