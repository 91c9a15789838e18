package one.knoq.identity.internal;

import java.util.List;
import java.util.Map;
import one.knoq.identity.Member;
import one.knoq.identity.NewMember;
import one.knoq.identity.Principal;
import one.knoq.identity.Role;
import one.knoq.web.ApiException;
import one.knoq.web.JsonFields;
import one.knoq.web.Timestamps;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admin members API of the caller's active organisation. Checks run in the contract's order:
 * fields (400), then lookup (404), then the admin role (403), then state (409, in the service).
 */
@RestController
@RequestMapping("/api/admin/members")
class MembersController {

  record MemberView(String userId, String email, String name, String role, String joinedAt) {
    static MemberView of(Member m) {
      return new MemberView(m.userId(), m.email(), m.name(), m.role().wire(), Timestamps.format(m.joinedAt()));
    }
  }

  record MemberList(List<MemberView> members) {}

  private final MemberService members;

  MembersController(MemberService members) {
    this.members = members;
  }

  @GetMapping
  MemberList list(Principal principal) {
    requireAdmin(principal);
    return new MemberList(members.list(principal.organisationId()).stream().map(MemberView::of).toList());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  MemberView add(Principal principal, @RequestBody JsonNode body) {
    String email = JsonFields.requiredEmail(body, "email");
    String name = JsonFields.requiredText(body, "name", SignUpController.MAX_NAME);
    String password = JsonFields.requiredText(body, "password");
    Role role = role(body);
    Passwords.validate(password);
    requireAdmin(principal);
    return MemberView.of(members.add(principal.organisationId(), new NewMember(email, name, password, role), principal.userId()));
  }

  @PatchMapping("/{userId}")
  MemberView changeRole(Principal principal, @PathVariable String userId, @RequestBody JsonNode body) {
    Role role = role(body);
    existing(principal, userId);
    requireAdmin(principal);
    return MemberView.of(members.changeRole(principal.organisationId(), userId, role, principal.userId()));
  }

  @DeleteMapping("/{userId}")
  Map<String, Object> remove(Principal principal, @PathVariable String userId) {
    existing(principal, userId);
    requireAdmin(principal);
    members.remove(principal.organisationId(), userId, principal.userId());
    return Map.of("ok", true);
  }

  private void existing(Principal principal, String userId) {
    if (members.find(principal.organisationId(), userId).isEmpty()) {
      throw new ApiException.NotFound("member not found");
    }
  }

  private static Role role(JsonNode body) {
    String wire = JsonFields.requiredText(body, "role");
    return Role.parse(wire)
        .orElseThrow(() -> new ApiException.BadRequest("role must be one of admin, member, viewer"));
  }

  private static void requireAdmin(Principal principal) {
    if (!principal.isAdmin()) {
      throw new ApiException.Forbidden("only admins of the organisation may manage its members");
    }
  }
}
