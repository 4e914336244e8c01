package io.inbox.domain.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Every timer of a service publishes the same fixed buckets, so Prometheus adds them over all
 * replicas and histogram_quantile gives one p99 for the service; a percentile computed in each pod
 * cannot be combined. Fixed, few buckets: from 5 ms to the 30 s beyond every timeout here, a dozen
 * series per timer and tag set. Each service makes it a filter of its registry with a bean of its
 * own ({@code @Singleton class LatencyBuckets extends FixedLatencyBuckets}); schema-guard, which
 * has no registry, does not.
 */
public abstract class FixedLatencyBuckets implements MeterFilter {

  private static final double[] BUCKETS =
      Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
          .mapToDouble(ms -> Duration.ofMillis(ms).toNanos())
          .toArray();

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() != Meter.Type.TIMER) {
      return config;
    }
    return DistributionStatisticConfig.builder()
        .serviceLevelObjectives(BUCKETS)
        .build()
        .merge(config);
  }
}
