package io.inbox.runner.channel;

import io.inbox.runner.outbound.ProviderFailure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per number: {@code runner_sends_total{channel,outcome}} (SENT or the failure's kind) and {@code
 * runner_send_failures_total{channel,code}} (Meta's error code, {@code http_<status>} or {@code
 * network}). Channel names and Meta's codes are few, so the series stay few.
 */
@ApplicationScoped
public class ChannelMetrics {

  private final MeterRegistry registry;

  public ChannelMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code failure}: null when Meta accepted the message. */
  public void sendEnded(SendingChannel channel, Throwable failure) {
    registry
        .counter(
            "runner.sends", "channel", channel.name(), "outcome", ProviderFailure.outcome(failure))
        .increment();
    if (failure instanceof ProviderFailure refused) {
      registry
          .counter("runner.send.failures", "channel", channel.name(), "code", refused.code())
          .increment();
    }
  }
}
