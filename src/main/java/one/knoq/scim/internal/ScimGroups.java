package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import one.knoq.audit.AuditLog;
import one.knoq.web.Timestamps;
import one.knoq.web.WebSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SCIM Groups of an organisation: a display name (unique, case-insensitive) and a set of SCIM users.
 * Every change locks the group row first, so concurrent PATCHes apply one after the other. Member
 * ids that are not users of this organisation are skipped rather than failing the whole push
 * (fact 27: Okta does not retry a 400).
 */
@Service
class ScimGroups {

  private final ScimGroupStore store;
  private final ScimUserStore users;
  private final AuditLog audit;
  private final Clock clock;
  private final String base;
  private final String userBase;

  ScimGroups(ScimGroupStore store, ScimUserStore users, AuditLog audit, Clock clock, WebSettings web) {
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
    String url = web.publicUrl().toString();
    String root = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/scim/v2/";
    this.base = root + "Groups/";
    this.userBase = root + "Users/";
  }

  @Transactional
  public ObjectNode create(String organisationId, ObjectNode body) {
    String displayName = displayName(body);
    unique(organisationId, displayName, null);
    long now = clock.millis();
    var row = new ScimGroupStore.Row(UUID.randomUUID().toString(), displayName, text(body.get("externalId")), now, now);
    try {
      store.insert(organisationId, row);
    } catch (DuplicateKeyException e) {
      throw ScimError.uniqueness("a group named " + displayName + " already exists");
    }
    store.addMembers(row.id(), known(organisationId, memberIds(body.get("members"))), now);
    audit.record(organisationId, "scim.group_changed", ScimUsers.ACTOR, row.id(), Map.of("change", "created", "displayName", displayName));
    return get(organisationId, row.id());
  }

  public ObjectNode get(String organisationId, String id) {
    var row = store.find(organisationId, id).orElseThrow(() -> ScimError.notFound("Group not found"));
    return render(row, store.members(organisationId, id).getOrDefault(id, List.of()));
  }

  public List<ObjectNode> list(String organisationId) {
    var members = store.members(organisationId, null);
    var out = new ArrayList<ObjectNode>();
    for (var row : store.list(organisationId)) {
      out.add(render(row, members.getOrDefault(row.id(), List.of())));
    }
    return out;
  }

  /** PUT replaces the name, externalId and the whole membership (Okta's AIW group push, fact 24). */
  @Transactional
  public ObjectNode replace(String organisationId, String id, ObjectNode body) {
    var current = store.lock(organisationId, id).orElseThrow(() -> ScimError.notFound("Group not found"));
    String displayName = displayName(body);
    unique(organisationId, displayName, id);
    long now = clock.millis();
    save(organisationId, new ScimGroupStore.Row(id, displayName, text(body.get("externalId")), current.createdAt(), now));
    store.clearMembers(id);
    store.addMembers(id, known(organisationId, memberIds(body.get("members"))), now);
    audit.record(organisationId, "scim.group_changed", ScimUsers.ACTOR, id, Map.of("change", "replaced", "displayName", displayName));
    return get(organisationId, id);
  }

  /** Applies the operations in order, atomically (fact 23). */
  @Transactional
  public void patch(String organisationId, String id, List<PatchOperation> operations) {
    var current = store.lock(organisationId, id).orElseThrow(() -> ScimError.notFound("Group not found"));
    String displayName = current.displayName();
    String externalId = current.externalId();
    long now = clock.millis();
    for (PatchOperation operation : operations) {
      if (operation.path() == null) {
        // path-less: keys are attributes; Okta's rename carries the readOnly id, which is ignored (fact 25)
        ObjectNode value = (ObjectNode) operation.value();
        var names = value.fieldNames();
        while (names.hasNext()) {
          String key = names.next();
          String attribute = key.toLowerCase(Locale.ROOT);
          if (attribute.equals("displayname")) {
            displayName = displayName(value);
          } else if (attribute.equals("externalid")) {
            externalId = text(value.get(key));
          } else if (attribute.equals("members")) {
            members(organisationId, id, operation.op(), null, value.get(key), now);
          }
        }
        continue;
      }
      String path = operation.path();
      if (path.regionMatches(true, 0, ScimJson.CORE_GROUP + ":", 0, ScimJson.CORE_GROUP.length() + 1)) {
        path = path.substring(ScimJson.CORE_GROUP.length() + 1);
      }
      Path parsed;
      try {
        parsed = Path.fromString(path);
      } catch (ScimException e) {
        throw ScimError.invalidPath("path is not valid: " + operation.path());
      }
      String attribute = parsed.size() == 0 ? "" : parsed.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
      if (attribute.equals("members")) {
        members(organisationId, id, operation.op(), parsed.getElement(0).getValueFilter(), operation.value(), now);
      } else if (attribute.equals("displayname")) {
        if (operation.op().equals("remove") || operation.value() == null || operation.value().asText().isBlank()) {
          throw new ScimError(400, "mutability", "displayName is required");
        }
        displayName = operation.value().asText();
      } else if (attribute.equals("externalid")) {
        externalId = operation.op().equals("remove") ? null : text(operation.value());
      }
      // other attributes (id, meta, schemas, unknown ones) are ignored
    }
    if (!displayName.equals(current.displayName())) {
      unique(organisationId, displayName, id);
    }
    save(organisationId, new ScimGroupStore.Row(id, displayName, externalId, current.createdAt(), now));
    audit.record(organisationId, "scim.group_changed", ScimUsers.ACTOR, id, Map.of("change", "patched", "displayName", displayName));
  }

  @Transactional
  public void delete(String organisationId, String id) {
    var current = store.lock(organisationId, id).orElseThrow(() -> ScimError.notFound("Group not found"));
    store.delete(organisationId, id);
    audit.record(organisationId, "scim.group_changed", ScimUsers.ACTOR, id, Map.of("change", "deleted", "displayName", current.displayName()));
  }

  private void members(String organisationId, String groupId, String op, com.unboundid.scim2.common.filters.@Nullable Filter filter, @Nullable JsonNode value, long now) {
    if (filter != null) {
      // members[value eq "id"]: the members the filter selects (Okta, Entra with aadOptscim062020)
      var selected = new ArrayList<String>();
      for (var member : store.members(organisationId, groupId).getOrDefault(groupId, List.of())) {
        ObjectNode candidate = ScimJson.object();
        candidate.put("value", member.userId());
        candidate.put("display", member.display());
        if (Filters.matches(filter, candidate)) {
          selected.add(member.userId());
        }
      }
      if (op.equals("remove") || op.equals("replace")) {
        store.removeMembers(groupId, selected);
      }
      if (!op.equals("remove")) {
        store.addMembers(groupId, known(organisationId, memberIds(value)), now);
      }
      return;
    }
    Set<String> ids = memberIds(value);
    switch (op) {
      case "add":
        store.addMembers(groupId, known(organisationId, ids), now);
        break;
      case "replace":
        store.clearMembers(groupId);
        store.addMembers(groupId, known(organisationId, ids), now);
        break;
      default:
        if (value == null) {
          store.clearMembers(groupId); // RFC 7644 §3.5.2.2: remove on "members" with no value and no filter
        } else {
          store.removeMembers(groupId, ids); // Entra's value array removes only those (fact 5)
        }
    }
  }

  /** The {@code value}s of a members array ({@code $ref}, null or not, and {@code display} are ignored). */
  private static Set<String> memberIds(@Nullable JsonNode members) {
    var ids = new LinkedHashSet<String>();
    if (members == null || members.isNull()) {
      return ids;
    }
    Iterable<JsonNode> elements = members.isArray() ? members : List.of(members);
    for (JsonNode m : elements) {
      JsonNode value = m.isObject() ? m.get("value") : m;
      if (value != null && value.isValueNode() && !value.asText().isBlank()) {
        ids.add(value.asText());
      }
    }
    return ids;
  }

  private List<String> known(String organisationId, Set<String> ids) {
    var out = new ArrayList<String>();
    for (String id : ids) {
      if (users.find(organisationId, id).isPresent()) {
        out.add(id);
      }
    }
    return out;
  }

  private void save(String organisationId, ScimGroupStore.Row row) {
    try {
      store.update(organisationId, row);
    } catch (DuplicateKeyException e) {
      throw ScimError.uniqueness("a group named " + row.displayName() + " already exists");
    }
  }

  private void unique(String organisationId, String displayName, @Nullable String self) {
    var other = store.findByDisplayName(organisationId, displayName);
    if (other.isPresent() && !other.get().id().equals(self)) {
      throw ScimError.uniqueness("a group named " + displayName + " already exists");
    }
  }

  private ObjectNode render(ScimGroupStore.Row row, List<ScimGroupStore.MemberRef> members) {
    ObjectNode out = ScimJson.object();
    out.putArray("schemas").add(ScimJson.CORE_GROUP);
    out.put("id", row.id());
    out.put("displayName", row.displayName());
    if (row.externalId() != null) {
      out.put("externalId", row.externalId());
    }
    ArrayNode array = out.putArray("members");
    for (var m : members) {
      ObjectNode member = array.addObject();
      member.put("value", m.userId());
      member.put("display", m.display());
      member.put("$ref", userBase + m.userId());
      member.put("type", "User");
    }
    ObjectNode meta = out.putObject("meta");
    meta.put("resourceType", "Group");
    meta.put("created", Timestamps.format(row.createdAt()));
    meta.put("lastModified", Timestamps.format(row.updatedAt()));
    meta.put("location", base + row.id());
    return out;
  }

  private static String displayName(ObjectNode body) {
    String name = text(body.get("displayName"));
    if (name == null) {
      throw ScimError.invalidValue("displayName is required");
    }
    return name;
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
  }

  static boolean filterable(String attribute) {
    String a = attribute.toLowerCase(Locale.ROOT);
    String core = ScimJson.CORE_GROUP.toLowerCase(Locale.ROOT) + ":";
    if (a.startsWith(core)) {
      a = a.substring(core.length());
    }
    return Set.of("id", "displayname", "externalid", "members", "members.value", "members.display", "meta.created", "meta.lastmodified", "meta.resourcetype").contains(a);
  }
}
