package one.knoq.agent.internal;

import java.util.Map;
import one.knoq.identity.Principal;
import one.knoq.web.JsonFields;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The six managed-agents endpoints (spec 4): HTTP in, one command or query, HTTP out. */
@RestController
@RequestMapping(path = "/api/managed-agents", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

  private final SessionCommands commands;
  private final SessionQueries queries;

  SessionController(SessionCommands commands, SessionQueries queries) {
    this.commands = commands;
    this.queries = queries;
  }

  @PostMapping(path = "/session", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  SessionCommands.Created create(Principal principal, @RequestBody JsonNode body) {
    String text = SessionCommands.validText(JsonFields.requiredText(body, "text"));
    return commands.create(principal, text);
  }

  @GetMapping("/sessions")
  Map<String, Object> list(Principal principal) {
    return Map.of("sessions", queries.list(principal));
  }

  @DeleteMapping("/session")
  Map<String, Object> delete(
      Principal principal, @RequestParam(name = "sessionId", required = false) @Nullable String sessionId) {
    commands.delete(principal, Ids.sessionId(sessionId));
    return Map.of("ok", true);
  }

  @GetMapping("/transcript")
  SessionQueries.Transcript transcript(
      Principal principal,
      @RequestParam(name = "sessionId", required = false) @Nullable String sessionId,
      @RequestParam(name = "sinceEventId", required = false) @Nullable String sinceEventId) {
    String cursor = sinceEventId == null || sinceEventId.isEmpty() ? null : sinceEventId;
    return queries.transcript(principal, Ids.sessionId(sessionId), cursor);
  }

  @PostMapping(path = "/message", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> message(Principal principal, @RequestBody JsonNode body) {
    String sessionId = Ids.sessionId(JsonFields.optionalText(body, "sessionId"));
    String text = SessionCommands.validText(JsonFields.requiredText(body, "text"));
    commands.message(principal, sessionId, text);
    return Map.of("ok", true);
  }

  @PostMapping(path = "/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> cancel(Principal principal, @RequestBody JsonNode body) {
    String sessionId = Ids.sessionId(JsonFields.optionalText(body, "sessionId"));
    return commands.cancel(principal, sessionId)
        ? Map.of("ok", true, "alreadyCancelled", true)
        : Map.of("ok", true);
  }
}
