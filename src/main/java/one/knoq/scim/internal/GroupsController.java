package one.knoq.scim.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /Groups} at both {@code /api/scim} and {@code /api/scim/v2}. Bodies are read as bytes, so
 * {@code application/json} and {@code application/scim+json} (with or without charset) are both
 * accepted; answers are {@code application/scim+json}.
 */
@RestController
@RequestMapping({"/api/scim/Groups", "/api/scim/v2/Groups"})
class GroupsController {

  private final ScimGroups groups;

  GroupsController(ScimGroups groups) {
    this.groups = groups;
  }

  @GetMapping
  ResponseEntity<byte[]> list(
      @RequestAttribute(ScimAuthenticationFilter.ORGANISATION) String organisationId,
      @RequestParam(required = false) @Nullable String filter,
      @RequestParam(required = false) @Nullable String startIndex,
      @RequestParam(required = false) @Nullable String count,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes) {
    var query = ListQuery.of(filter, startIndex, count, attributes, excludedAttributes, ScimGroups::filterable);
    return ScimJson.respond(200, query.answer(groups.list(organisationId)));
  }

  @PostMapping
  ResponseEntity<byte[]> create(
      @RequestAttribute(ScimAuthenticationFilter.ORGANISATION) String organisationId,
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes) {
    var created = groups.create(organisationId, ScimJson.parseObject(body));
    return ScimJson.respond(201, Projection.of(attributes, excludedAttributes).apply(created));
  }

  @GetMapping("/{id}")
  ResponseEntity<byte[]> get(
      @RequestAttribute(ScimAuthenticationFilter.ORGANISATION) String organisationId,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes) {
    return ScimJson.respond(200, Projection.of(attributes, excludedAttributes).apply(groups.get(organisationId, id)));
  }

  @PutMapping("/{id}")
  ResponseEntity<byte[]> replace(
      @RequestAttribute(ScimAuthenticationFilter.ORGANISATION) String organisationId,
      @PathVariable String id,
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes) {
    groups.get(organisationId, id); // 404 before a body problem: PUT never creates
    var replaced = groups.replace(organisationId, id, ScimJson.parseObject(body));
    return ScimJson.respond(200, Projection.of(attributes, excludedAttributes).apply(replaced));
  }

  /** 204 as Entra expects (fact 7); 200 with the group when {@code attributes} asks for a body (RFC 7644 §3.5.2). */
  @PatchMapping("/{id}")
  ResponseEntity<byte[]> patch(
      @RequestAttribute(ScimAuthenticationFilter.ORGANISATION) String organisationId,
      @PathVariable String id,
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes) {
    groups.get(organisationId, id);
    groups.patch(organisationId, id, PatchOperation.parse(ScimJson.parseObject(body)));
    if (attributes == null) {
      return ResponseEntity.noContent().build();
    }
    return ScimJson.respond(200, Projection.of(attributes, excludedAttributes).apply(groups.get(organisationId, id)));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      @RequestAttribute(ScimAuthenticationFilter.ORGANISATION) String organisationId, @PathVariable String id) {
    groups.delete(organisationId, id);
    return ResponseEntity.noContent().build();
  }
}
