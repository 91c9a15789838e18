package one.knoq.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import one.knoq.audit.AuditLog;
import one.knoq.identity.Member;
import one.knoq.identity.Members;
import one.knoq.identity.NewMember;
import one.knoq.identity.Role;
import one.knoq.web.Timestamps;
import one.knoq.web.WebSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SCIM Users mapped onto identity's members (spec 9). A SCIM user is one global user as the
 * organisation's IdP manages it: created through SCIM, linked to an existing global user with the
 * same email (credentials untouched), or an existing member adopted (membership kept). Active means
 * "is a member": deprovisioning ends the membership and its sign-ins, the resource stays.
 */
@Service
class ScimUsers {

  static final String ACTOR = "scim";

  private final ScimUserStore store;
  private final Members members;
  private final AuditLog audit;
  private final Clock clock;
  private final String base;

  ScimUsers(ScimUserStore store, Members members, AuditLog audit, Clock clock, WebSettings web) {
    this.store = store;
    this.members = members;
    this.audit = audit;
    this.clock = clock;
    String url = web.publicUrl().toString();
    this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/scim/v2/Users/";
  }

  @Transactional
  public ObjectNode create(String organisationId, ObjectNode body) {
    ObjectNode doc = UserSchema.canonical(body);
    boolean active = takeActive(doc, true);
    String userName = userName(doc);
    if (store.findByUserName(organisationId, userName).isPresent()) {
      throw ScimError.uniqueness("userName " + userName + " is already taken");
    }
    String email = email(doc, userName);
    String how;
    String userId;
    Optional<Member> existing = memberByEmail(organisationId, email);
    if (existing.isPresent()) {
      userId = existing.get().userId();
      how = "adopted";
      if (store.findByUser(organisationId, userId).isPresent()) {
        throw ScimError.uniqueness("a SCIM user with the email " + email + " already exists");
      }
    } else {
      Optional<String> global = members.userIdByEmail(email);
      if (global.isPresent()) {
        userId = members.addExisting(organisationId, global.get(), Role.VIEWER).userId();
        how = "linked";
      } else {
        userId = members.add(organisationId, new NewMember(email, displayName(doc, userName), null, Role.VIEWER)).userId();
        how = "created";
      }
    }
    long now = clock.millis();
    var row = new ScimUserStore.Row(UUID.randomUUID().toString(), organisationId, userId, userName, active, ScimJson.write(doc), now, now);
    try {
      store.insert(row);
    } catch (DuplicateKeyException e) {
      throw ScimError.uniqueness("userName " + userName + " is already taken");
    }
    audit.record(organisationId, "scim.user_provisioned", ACTOR, userId, Map.of("scimId", row.id(), "userName", userName, "how", how));
    if (!active) {
      deprovision(row);
    }
    return render(row);
  }

  public ObjectNode get(String organisationId, String id) {
    return render(existing(store.find(organisationId, id)));
  }

  public List<ObjectNode> list(String organisationId) {
    var out = new ArrayList<ObjectNode>();
    for (ScimUserStore.Row row : store.list(organisationId)) {
      out.add(render(row));
    }
    return out;
  }

  /** PUT: the body replaces the stored attributes; readOnly ones are ignored, {@code active} left out keeps the state. */
  @Transactional
  public ObjectNode replace(String organisationId, String id, ObjectNode body) {
    ScimUserStore.Row current = existing(store.lock(organisationId, id));
    ObjectNode doc = UserSchema.canonical(body);
    boolean active = takeActive(doc, current.active());
    return save(current, doc, active);
  }

  @Transactional
  public ObjectNode patch(String organisationId, String id, List<PatchOperation> operations) {
    ScimUserStore.Row current = existing(store.lock(organisationId, id));
    ObjectNode doc = ScimJson.readStored(current.resource());
    doc.put("active", current.active());
    UserPatch.apply(doc, operations);
    boolean active = takeActive(doc, current.active());
    return save(current, doc, active);
  }

  /** Deprovisions (if active) and removes the resource; the userName is free again at once. */
  @Transactional
  public void delete(String organisationId, String id) {
    ScimUserStore.Row current = existing(store.lock(organisationId, id));
    if (current.active()) {
      deprovision(current);
    }
    store.delete(organisationId, id);
    audit.record(organisationId, "scim.user_deleted", ACTOR, current.userId(), Map.of("scimId", id, "userName", current.userName()));
  }

  private ObjectNode save(ScimUserStore.Row current, ObjectNode doc, boolean active) {
    String userName = userName(doc);
    var other = store.findByUserName(current.organisationId(), userName);
    if (other.isPresent() && !other.get().id().equals(current.id())) {
      throw ScimError.uniqueness("userName " + userName + " is already taken");
    }
    var row = new ScimUserStore.Row(current.id(), current.organisationId(), current.userId(), userName, active, ScimJson.write(doc), current.createdAt(), clock.millis());
    try {
      store.update(row);
    } catch (DuplicateKeyException e) {
      throw ScimError.uniqueness("userName " + userName + " is already taken");
    }
    if (current.active() && !active) {
      deprovision(row);
    } else if (!current.active() && active) {
      reactivate(row);
    }
    return render(row);
  }

  /**
   * Spec 9's cascade, inside the caller's transaction: the membership and the user's sign-ins in
   * this organisation end (identity's remove does both), and the audit entry is written. Integration
   * tokens and agent memory are part of the cascade "where those exist": this server has neither
   * yet, so there is nothing more to remove; add them here when they arrive.
   */
  private void deprovision(ScimUserStore.Row row) {
    if (members.find(row.organisationId(), row.userId()).isPresent()) {
      members.remove(row.organisationId(), row.userId());
    }
    audit.record(row.organisationId(), "scim.user_deprovisioned", ACTOR, row.userId(), Map.of("scimId", row.id(), "userName", row.userName()));
  }

  /** {@code active:true} again: a viewer member once more (seats are counted by identity). */
  private void reactivate(ScimUserStore.Row row) {
    if (members.find(row.organisationId(), row.userId()).isEmpty()) {
      members.addExisting(row.organisationId(), row.userId(), Role.VIEWER);
    }
    audit.record(row.organisationId(), "scim.user_provisioned", ACTOR, row.userId(), Map.of("scimId", row.id(), "userName", row.userName(), "how", "reactivated"));
  }

  ObjectNode render(ScimUserStore.Row row) {
    ObjectNode doc = ScimJson.readStored(row.resource());
    ObjectNode out = ScimJson.object();
    ArrayNode schemas = out.putArray("schemas");
    schemas.add(ScimJson.CORE_USER);
    if (doc.has(ScimJson.ENTERPRISE)) {
      schemas.add(ScimJson.ENTERPRISE);
    }
    out.put("id", row.id());
    out.setAll(doc);
    out.put("userName", row.userName());
    out.put("active", row.active());
    markPrimary(out, "emails");
    markPrimary(out, "phoneNumbers");
    markPrimary(out, "addresses");
    ObjectNode meta = out.putObject("meta");
    meta.put("resourceType", "User");
    meta.put("created", Timestamps.format(row.createdAt()));
    meta.put("lastModified", Timestamps.format(row.updatedAt()));
    meta.put("location", base + row.id());
    return out;
  }

  /** Multi-valued attributes go out with exactly one {@code primary: true} (fact 26). */
  private static void markPrimary(ObjectNode resource, String attribute) {
    JsonNode values = resource.get(attribute);
    if (values == null || !values.isArray() || values.isEmpty()) {
      return;
    }
    boolean seen = false;
    for (JsonNode v : values) {
      if (v.isObject() && v.path("primary").asBoolean(false)) {
        if (seen) {
          ((ObjectNode) v).put("primary", false);
        }
        seen = true;
      }
    }
    if (!seen && values.get(0).isObject()) {
      ((ObjectNode) values.get(0)).put("primary", true);
    }
  }

  private Optional<Member> memberByEmail(String organisationId, String email) {
    return members.list(organisationId).stream().filter(m -> m.email().equalsIgnoreCase(email)).findFirst();
  }

  private static ScimUserStore.Row existing(Optional<ScimUserStore.Row> row) {
    return row.orElseThrow(() -> ScimError.notFound("User not found"));
  }

  private static boolean takeActive(ObjectNode doc, boolean otherwise) {
    JsonNode value = doc.remove("active");
    return value == null ? otherwise : value.asBoolean();
  }

  private static String userName(ObjectNode doc) {
    JsonNode value = doc.get("userName");
    if (value == null || value.asText().isBlank()) {
      throw ScimError.invalidValue("userName is required");
    }
    return value.asText();
  }

  /** The email of the global user: the primary email, else the first, else an email-shaped userName. */
  private static String email(ObjectNode doc, String userName) {
    JsonNode emails = doc.get("emails");
    String first = null;
    if (emails != null) {
      for (JsonNode e : emails) {
        String value = e.path("value").asText("");
        if (!value.isBlank()) {
          if (e.path("primary").asBoolean(false)) {
            return value.trim();
          }
          first = first == null ? value.trim() : first;
        }
      }
    }
    if (first != null) {
      return first;
    }
    if (userName.contains("@")) {
      return userName.trim();
    }
    throw ScimError.invalidValue("a user needs an email: emails, or a userName that is an email address");
  }

  private static String displayName(ObjectNode doc, String userName) {
    String display = text(doc.get("displayName"));
    if (display != null) {
      return display;
    }
    JsonNode name = doc.get("name");
    if (name != null) {
      String formatted = text(name.get("formatted"));
      if (formatted != null) {
        return formatted;
      }
      String joined = ((nullToEmpty(text(name.get("givenName"))) + " " + nullToEmpty(text(name.get("familyName")))).trim());
      if (!joined.isEmpty()) {
        return joined;
      }
    }
    return userName.length() > 200 ? userName.substring(0, 200) : userName;
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node == null || node.asText().isBlank() ? null : node.asText().trim();
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  static boolean filterable(String attribute) {
    String a = attribute.toLowerCase(Locale.ROOT);
    if (a.equals("id") || a.equals("meta.created") || a.equals("meta.lastmodified") || a.equals("meta.resourcetype")) {
      return true;
    }
    String enterprise = ScimJson.ENTERPRISE.toLowerCase(Locale.ROOT) + ":";
    if (a.startsWith(enterprise)) {
      return known(UserSchema.ENTERPRISE, a.substring(enterprise.length()));
    }
    String core = ScimJson.CORE_USER.toLowerCase(Locale.ROOT) + ":";
    return known(UserSchema.CORE, a.startsWith(core) ? a.substring(core.length()) : a);
  }

  static boolean known(List<Attribute> schema, String path) {
    String[] parts = path.split("\\.", 2);
    Attribute attribute = Attribute.find(schema, parts[0]);
    if (attribute == null) {
      return false;
    }
    return parts.length == 1 || attribute.sub(parts[1]) != null;
  }
}
