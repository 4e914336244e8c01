package io.inbox.admin.events;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One client's stream: the events it missed, then live ones, with no gap and no duplicate. It
 * subscribes to the hub first and holds what arrives while the replay is read; then it sends the
 * replay, a {@link Signal.Live} marker, and the held and later live events, leaving out those the
 * replay already sent, and those at or below the client's Last-Event-ID (it has them: an event
 * committed just before it connected can still be on its way through the hub). Past that, an event
 * is left out by id, not by "at most the last replayed id": a transaction may commit after one that
 * took a later id, and its event then arrives live only.
 */
final class ClientStream {

  private final MultiEmitter<? super Signal> emitter;
  private final long seen;
  private List<Signal> held = new ArrayList<>();
  private Set<Long> replayed = Set.of();

  private ClientStream(MultiEmitter<? super Signal> emitter, Long lastEventId) {
    this.emitter = emitter;
    this.seen = lastEventId == null ? 0 : lastEventId;
  }

  /**
   * {@code replay} is subscribed only once the live stream is: whatever commits after it read the
   * log arrives live. A client that lags {@code buffer} signals behind is ended; it reconnects with
   * its Last-Event-ID and is replayed what it missed.
   */
  static Multi<Signal> of(
      Multi<Signal> live, Long lastEventId, Uni<List<Signal>> replay, int buffer) {
    return Multi.createFrom()
        .<Signal>emitter(
            emitter -> {
              ClientStream stream = new ClientStream(emitter, lastEventId);
              var subscription = live.subscribe().with(stream::live, emitter::fail);
              emitter.onTermination(subscription::cancel);
              replay.subscribe().with(stream::replayed, emitter::fail);
            },
            BackPressureStrategy.ERROR)
        .onOverflow()
        .buffer(buffer)
        .onFailure(BackPressureFailure.class)
        .invoke(
            () ->
                Log.warnf(
                    "[EVENTS] a client fell %d events behind; its stream is closed (it reconnects"
                        + " with Last-Event-ID and is replayed what it missed)",
                    buffer))
        .onFailure(BackPressureFailure.class)
        .recoverWithCompletion();
  }

  private synchronized void live(Signal signal) {
    if (held != null) {
      if (!(signal instanceof Signal.KeepAlive)) {
        held.add(signal);
      }
      return;
    }
    send(signal);
  }

  private synchronized void replayed(List<Signal> replay) {
    Set<Long> ids = new HashSet<>();
    for (Signal signal : replay) {
      if (signal instanceof Signal.Event event) {
        ids.add(event.event().id());
      }
      emitter.emit(signal);
    }
    replayed = ids;
    emitter.emit(new Signal.Live());
    List<Signal> waiting = held;
    held = null;
    waiting.forEach(this::send);
  }

  private void send(Signal signal) {
    if (signal instanceof Signal.Event event
        && (event.event().id() <= seen || replayed.remove(event.event().id()))) {
      return;
    }
    emitter.emit(signal);
  }
}
