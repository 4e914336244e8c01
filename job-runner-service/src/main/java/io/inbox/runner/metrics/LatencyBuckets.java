package io.inbox.runner.metrics;

import io.inbox.domain.metrics.FixedLatencyBuckets;
import jakarta.inject.Singleton;

/**
 * This service's timers (HTTP requests, provider calls, jobs, the model) publish the shared fixed
 * buckets.
 */
@Singleton
public class LatencyBuckets extends FixedLatencyBuckets {}
