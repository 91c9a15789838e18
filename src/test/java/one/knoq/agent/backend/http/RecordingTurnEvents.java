package one.knoq.agent.backend.http;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import one.knoq.agent.EventType;
import one.knoq.agent.backend.TurnEvents;
import one.knoq.agent.backend.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Our own sink interface, recorded in memory: what a backend appended, imported and used. */
public final class RecordingTurnEvents implements TurnEvents {

  public record Appended(EventType type, ObjectNode payload, @Nullable String remoteEventId) {}

  public final List<Appended> appended = new CopyOnWriteArrayList<>();
  private final Set<String> remoteIds = ConcurrentHashMap.newKeySet();
  private Usage usage = Usage.NONE;

  @Override
  public void append(EventType type, ObjectNode payload) {
    appended.add(new Appended(type, payload, null));
  }

  @Override
  public boolean appendRemote(EventType type, ObjectNode payload, String remoteEventId) {
    if (!remoteIds.add(remoteEventId)) {
      return false;
    }
    appended.add(new Appended(type, payload, remoteEventId));
    return true;
  }

  @Override
  public synchronized void addUsage(Usage more) {
    usage = usage.plus(more);
  }

  public synchronized Usage usage() {
    return usage;
  }

  @Override
  public ObjectNode newPayload() {
    return Json.object();
  }

  public List<EventType> types() {
    return appended.stream().map(Appended::type).toList();
  }

  public List<ObjectNode> payloads(EventType type) {
    return appended.stream().filter(a -> a.type() == type).map(Appended::payload).toList();
  }
}
