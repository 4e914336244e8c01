package io.inbox.admin.metrics;

import io.inbox.domain.metrics.FixedLatencyBuckets;
import jakarta.inject.Singleton;

/** This service's timers (HTTP requests) publish the shared fixed buckets. */
@Singleton
public class LatencyBuckets extends FixedLatencyBuckets {}
