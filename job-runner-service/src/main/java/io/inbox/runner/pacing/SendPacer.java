package io.inbox.runner.pacing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Holds a send until its channel's shared bucket and Meta's pair limit both allow it (see {@link
 * PacingSql}): the limits are kept before sending, by every runner together, not learned from
 * Meta's errors. Waits are timers, never a blocked thread.
 */
@ApplicationScoped
public class SendPacer {

  /** One reservation's answer: a slot {@code delay} from now, or none that near. */
  private record Slot(boolean reserved, Duration delay) {}

  private final Pool pool;
  private final PacingSettings settings;
  private final Counter bucketWaits;
  private final Counter pairWaits;

  public SendPacer(Pool pool, PacingSettings settings, MeterRegistry metrics) {
    this.pool = pool;
    this.settings = settings;
    this.bucketWaits = waits(metrics, "bucket");
    this.pairWaits = waits(metrics, "pair");
  }

  private static Counter waits(MeterRegistry metrics, String reason) {
    return Counter.builder("runner.pacing.waits")
        .description("Sends held back for a slot: the channel's rate (bucket) or Meta's pair limit")
        .tag("reason", reason)
        .register(metrics);
  }

  /**
   * Completes when the provider may be called for conversation {@code conversationId}: admitted, or
   * not admitted because a slot is further away than {@code runner.pacing.max-wait}. The pair slot
   * is reserved after the bucket's wait, so the "lastOutboundAt" it records is when the send really
   * goes.
   */
  public Uni<Admission> admit(long conversationId) {
    return reserve(
            PacingSql.RESERVE_SEND,
            Tuple.of(conversationId, seconds(settings.burst()), seconds(settings.maxWait())))
        .flatMap(slot -> waitFor(slot, bucketWaits))
        .flatMap(
            bucket ->
                !bucket.admitted() || settings.pairInterval().isZero()
                    ? Uni.createFrom().item(bucket)
                    : reserve(
                            PacingSql.RESERVE_PAIR,
                            Tuple.of(
                                conversationId,
                                seconds(settings.pairInterval()),
                                seconds(settings.maxWait())))
                        .flatMap(slot -> waitFor(slot, pairWaits)));
  }

  private Uni<Slot> reserve(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(SendPacer::toSlot);
  }

  /** No row: the conversation (or any channel) is gone; nothing to pace, the send finds out. */
  private static Slot toSlot(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return new Slot(true, Duration.ZERO);
    }
    Row row = rows.iterator().next();
    return new Slot(
        row.getBoolean("reserved"),
        Duration.ofNanos(Math.round(row.getDouble("waitSeconds") * 1_000_000_000d)));
  }

  private static Uni<Admission> waitFor(Slot slot, Counter waits) {
    if (!slot.reserved()) {
      return Uni.createFrom().item(Admission.later(slot.delay()));
    }
    if (slot.delay().isZero() || slot.delay().isNegative()) {
      return Uni.createFrom().item(Admission.NOW);
    }
    waits.increment();
    return Uni.createFrom().item(Admission.NOW).onItem().delayIt().by(slot.delay());
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1_000_000_000d;
  }
}
