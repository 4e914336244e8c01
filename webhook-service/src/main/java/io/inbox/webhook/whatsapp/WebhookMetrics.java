package io.inbox.webhook.whatsapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The webhook's counters at /q/metrics. Its timer publishes buckets ({@code LatencyBuckets}), not
 * per-pod percentiles, so a p99 can be computed over all replicas.
 */
@ApplicationScoped
public class WebhookMetrics {

  private final MeterRegistry registry;
  private final Timer processing;

  /**
   * Registered once: counting through {@code registry.counter(name)} builds an id and looks the
   * meter up on every call, and these move on every delivery. A counter at 0 from the start also
   * gives rate() its first sample.
   */
  private final Counter received;

  private final Counter duplicates;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received = registry.counter("webhook.received");
    this.duplicates = registry.counter("webhook.duplicates");
    this.processing =
        Timer.builder("webhook.processing")
            .description("Time from receiving a signed webhook body to answering it")
            .register(registry);
  }

  public void received() {
    received.increment();
  }

  public void rejected(String reason) {
    registry.counter("webhook.rejected", "reason", reason).increment();
  }

  /** One message or status of a body left out as malformed; the rest of the body counts. */
  public void itemRejected(String reason) {
    registry.counter("webhook.items.rejected", "reason", reason).increment();
  }

  /**
   * A message to a number no active channel has (webhook_unknown_number_total): stored with its
   * event, never replied to. Growing means a number is subscribed to the app but not configured.
   */
  public void unknownNumber() {
    registry.counter("webhook.unknown.number").increment();
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void status(String outcome) {
    registry.counter("webhook.statuses", "outcome", outcome).increment();
  }

  public Timer processing() {
    return processing;
  }
}
