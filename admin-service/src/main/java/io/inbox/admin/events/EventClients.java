package io.inbox.admin.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many inbox UIs hold an event stream open on this pod: each one is a connection and a buffer,
 * and a drop to zero while agents work means their live view stopped.
 */
@ApplicationScoped
public class EventClients {

  private final AtomicInteger connected = new AtomicInteger();

  public EventClients(MeterRegistry registry) {
    Gauge.builder("admin.events.clients", connected, AtomicInteger::get)
        .description("Open live-event (SSE) streams on this pod")
        .register(registry);
  }

  /** The stream, counted from subscription until it ends, fails or the client goes away. */
  <T> Multi<T> counted(Multi<T> stream) {
    return stream
        .onSubscription()
        .invoke(connected::incrementAndGet)
        .onTermination()
        .invoke(connected::decrementAndGet);
  }
}
