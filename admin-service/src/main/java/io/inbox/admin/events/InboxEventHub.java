package io.inbox.admin.events;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one source of live events in this instance, shared by every connected client: the ids {@link
 * InboxEventListener} hears become {@link InboxEvent}s read from the log and are broadcast in the
 * order they were notified (commit order). Reads run one at a time, each taking every id notified
 * meanwhile, so a burst costs a few queries, not one per event. After the LISTEN connection was
 * lost (or a read failed) the events after the newest one broadcast are read by id range; an id
 * both read that way and notified is broadcast once.
 */
@ApplicationScoped
public class InboxEventHub {

  /** How many broadcast ids are remembered to drop a second sighting of the same event. */
  private static final int REMEMBERED = 10_000;

  private final InboxEventStore store;
  private final InboxEventSettings settings;
  private final Vertx vertx;
  private final BroadcastProcessor<Signal> hub = BroadcastProcessor.create();
  private final SerializedProcessor<Signal, Signal> signals = hub.serialized();
  private final Queue<Long> notified = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile boolean catchUp;
  private long timer = -1;

  // Touched only by the one read in progress.
  private long newest = -1;
  private final Map<Long, Boolean> broadcast =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  public InboxEventHub(InboxEventStore store, InboxEventSettings settings, Vertx vertx) {
    this.store = store;
    this.settings = settings;
    this.vertx = vertx;
  }

  /** Every signal from the moment of subscription on: a hot stream. */
  Multi<Signal> signals() {
    return hub;
  }

  /** An event id was NOTIFYed. */
  void notified(long id) {
    notified.add(id);
    read();
  }

  /**
   * LISTEN is (again) in place: whatever was committed while it was not is read by range. The first
   * time there is nothing to catch up on; the newest id only becomes the starting point.
   */
  void listening() {
    catchUp = true;
    read();
  }

  void start(@Observes StartupEvent start) {
    timer =
        vertx.setPeriodic(
            settings.keepAlive().toMillis(), id -> signals.onNext(new Signal.KeepAlive()));
  }

  void stop(@Observes ShutdownEvent stop) {
    vertx.cancelTimer(timer);
    signals.onComplete();
  }

  private void read() {
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    next()
        .subscribe()
        .with(
            done -> {
              reading.set(false);
              if (catchUp || !notified.isEmpty()) {
                read();
              }
            },
            failure -> {
              Log.errorf("❌ [EVENTS] cannot read inbox events: %s", failure.getMessage());
              catchUp = true; // the next notification reads what this one missed
              reading.set(false);
            });
  }

  private Uni<Void> next() {
    if (catchUp) {
      catchUp = false;
      if (newest < 0) {
        return store.latestId().invoke(id -> newest = id).replaceWithVoid();
      }
      return store.replay(newest, settings.replayLimit()).invoke(this::broadcast).replaceWithVoid();
    }
    List<Long> ids = new ArrayList<>();
    for (Long id; ids.size() < 1_000 && (id = notified.poll()) != null; ) {
      ids.add(id);
    }
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return store
        .byIds(ids)
        .invoke(events -> broadcast(events.stream().<Signal>map(Signal.Event::new).toList()))
        .replaceWithVoid();
  }

  private void broadcast(List<Signal> batch) {
    for (Signal signal : batch) {
      if (signal instanceof Signal.Resync resync) {
        newest = Math.max(newest, resync.upTo());
        signals.onNext(signal);
      } else if (signal instanceof Signal.Event event
          && broadcast.put(event.event().id(), Boolean.TRUE) == null) {
        newest = Math.max(newest, event.event().id());
        signals.onNext(signal);
      }
    }
  }
}
