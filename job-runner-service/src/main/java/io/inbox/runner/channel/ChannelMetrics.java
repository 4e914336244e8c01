package io.inbox.runner.channel;

import io.inbox.runner.outbound.ProviderFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per number: {@code runner_sends_total{channel,outcome}} (SENT or the failure's kind) and {@code
 * runner_send_failures_total{channel,code}} (Meta's error code, {@code http_<status>} or {@code
 * network}). Channel names and Meta's codes are few, so the series stay few.
 */
@ApplicationScoped
public class ChannelMetrics {

  /** A number's sends by outcome, kept once looked up: every send counts one. */
  private record SendsKey(String channel, String outcome) {}

  private final MeterRegistry registry;
  private final Map<SendsKey, Counter> sends = new ConcurrentHashMap<>();

  public ChannelMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code failure}: null when Meta accepted the message. */
  public void sendEnded(SendingChannel channel, Throwable failure) {
    sends
        .computeIfAbsent(
            new SendsKey(channel.name(), ProviderFailure.outcome(failure)),
            key ->
                registry.counter(
                    "runner.sends", "channel", key.channel(), "outcome", key.outcome()))
        .increment();
    if (failure instanceof ProviderFailure refused) {
      registry
          .counter("runner.send.failures", "channel", channel.name(), "code", refused.code())
          .increment();
    }
  }
}
