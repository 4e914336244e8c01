package io.inbox.runner;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Every span the runner ends, in memory: Quarkus exports to each SpanExporter bean. */
public class TestSpans {

  @Produces
  @Singleton
  InMemorySpanExporter spans() {
    return InMemorySpanExporter.create();
  }
}
