package io.inbox.runner.processing;

import io.inbox.domain.logging.LogFields;
import io.inbox.domain.tracing.Traceparents;
import io.inbox.runner.outbound.WhatsAppSettings;
import io.inbox.runner.queue.ClaimedJob;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Runs one job's work on a Vert.x duplicated context of its own. Jobs share event loops and their
 * steps interleave, so only a context per job keeps its log fields (requestId, jobId,
 * conversationId, channel, and OpenTelemetry's traceId and spanId) and its current span from
 * leaking into another job's lines. The job's span continues the trace of the webhook that queued
 * it (the row's traceparent); its database and Cloud API calls become that span's children.
 */
@ApplicationScoped
public class JobScope {

  private final Vertx vertx;
  private final Tracer tracer;
  private final String defaultChannel;

  public JobScope(Vertx vertx, Tracer tracer, WhatsAppSettings whatsapp) {
    this.vertx = vertx;
    this.tracer = tracer;
    this.defaultChannel = whatsapp.phoneNumberId().filter(id -> !id.isBlank()).orElse(null);
  }

  /** The phone number id the job sends from, as the webhook logs the number it came in on. */
  private String channel(ClaimedJob job) {
    if (job.context() == null || job.context().channel() == null) {
      return defaultChannel;
    }
    String id = job.context().channel().phoneNumberId();
    return id != null ? id : defaultChannel;
  }

  /**
   * The job's outcome is handed back on the caller's context, so what the caller does next (claim
   * more jobs) is not logged or traced as this job's.
   */
  public <T> Uni<T> run(ClaimedJob job, Supplier<Uni<T>> work) {
    Context caller = Vertx.currentContext();
    String channel = channel(job);
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    return Uni.createFrom()
        .emitter(
            emitter ->
                context.runOnContext(
                    ignored -> {
                      MDC.put(LogFields.REQUEST_ID, job.requestId());
                      MDC.put(LogFields.JOB_ID, Long.toString(job.id()));
                      MDC.put(LogFields.CONVERSATION_ID, Long.toString(job.conversationId()));
                      if (channel != null) {
                        MDC.put(LogFields.CHANNEL, channel);
                      }
                      Span span =
                          tracer
                              .spanBuilder("job " + job.kind())
                              .setParent(Traceparents.parent(job.traceparent()))
                              .setAttribute("inbox.job.id", job.id())
                              .setAttribute("inbox.conversation.id", job.conversationId())
                              .setAttribute("inbox.job.attempt", job.attempt())
                              .startSpan();
                      // Current for the rest of this context's life (it is the job's alone), so
                      // the scope is never closed: the context is dropped with the job.
                      span.makeCurrent();
                      work.get()
                          .subscribe()
                          .with(
                              result -> {
                                span.setAttribute("inbox.job.result", String.valueOf(result));
                                span.end();
                                back(caller, () -> emitter.complete(result));
                              },
                              failure -> {
                                span.recordException(failure);
                                span.setStatus(StatusCode.ERROR);
                                span.end();
                                back(caller, () -> emitter.fail(failure));
                              });
                    }));
  }

  private static void back(Context caller, Runnable then) {
    if (caller == null) {
      then.run();
    } else {
      caller.runOnContext(ignored -> then.run());
    }
  }

  /**
   * A step of the current job (the orchestrator, the Cloud API call) as a child span of the job's.
   * Not made current: its work may finish on another thread (the model's worker), where closing a
   * scope would touch the wrong context.
   */
  public <T> Uni<T> step(String name, Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Span span = tracer.spanBuilder(name).startSpan();
              return work.get()
                  .onItemOrFailure()
                  .invoke(
                      (item, failure) -> {
                        if (failure != null) {
                          span.recordException(failure);
                          span.setStatus(StatusCode.ERROR);
                        }
                        span.end();
                      });
            });
  }
}
