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
import java.util.function.Supplier;

/**
 * Holds a send until its channel's shared bucket and Meta's pair limit both allow it (see {@link
 * PacingSql}): the limits are kept before sending, by every runner together, not learned from
 * Meta's errors. Waits are timers, never a blocked thread.
 */
@ApplicationScoped
public class SendPacer {

  /**
   * One reservation's answer: a slot {@code delay} from now, or none that near. {@code lateAfter}:
   * how late the send may leave before it crowds the sends of later slots (the bucket: one slot's
   * length, at most the burst); null for the pair slot, which no other send shares.
   */
  private record Slot(boolean reserved, Duration delay, Duration lateAfter) {}

  private final Pool pool;
  private final PacingSettings settings;
  private final Counter bucketWaits;
  private final Counter pairWaits;
  private final Counter lateSends;

  public SendPacer(Pool pool, PacingSettings settings, MeterRegistry metrics) {
    this.pool = pool;
    this.settings = settings;
    this.bucketWaits = waits(metrics, "bucket");
    this.pairWaits = waits(metrics, "pair");
    this.lateSends =
        Counter.builder("runner.pacing.late")
            .description(
                "Sends whose slot timer fired later than one slot (or the burst): each took one more slot")
            .register(metrics);
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
    Tuple bucketArgs =
        Tuple.of(conversationId, seconds(settings.burst()), seconds(settings.maxWait()));
    return reserve(PacingSql.RESERVE_SEND, bucketArgs)
        .map(this::lateAfterAtMostTheBurst)
        .flatMap(slot -> waitFor(slot, bucketWaits, () -> makeUp(bucketArgs)))
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
                        .flatMap(slot -> waitFor(slot, pairWaits, Uni.createFrom()::voidItem)));
  }

  /**
   * This runner's timer fired later than one slot's length (or the burst, if shorter): a pause of
   * the JVM or the machine. The send leaves in another slot's time, on top of the send due there.
   * It takes one more slot, the next free one (well within the next second while the queue ahead is
   * short, as it is with bounded workers), so the second it lands in still holds no more than the
   * rate. Nothing waits for that slot, and when it is beyond the max wait none is taken.
   */
  private Uni<Void> makeUp(Tuple bucketArgs) {
    lateSends.increment();
    return reserve(PacingSql.RESERVE_SEND, bucketArgs).replaceWithVoid();
  }

  private Uni<Slot> reserve(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(SendPacer::toSlot);
  }

  /** No row: the conversation (or any channel) is gone; nothing to pace, the send finds out. */
  private static Slot toSlot(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return new Slot(true, Duration.ZERO, null);
    }
    Row row = rows.iterator().next();
    // Whole milliseconds, rounded up: a timer takes no less, and a slot is never sent early.
    Duration delay = Duration.ofMillis((long) Math.ceil(row.getDouble("waitSeconds") * 1000));
    Duration slotLength =
        row.getColumnIndex("rate") < 0
            ? null
            : Duration.ofNanos((long) (1_000_000_000d / row.getDouble("rate")));
    return new Slot(row.getBoolean("reserved"), delay, slotLength);
  }

  private Slot lateAfterAtMostTheBurst(Slot slot) {
    return slot.lateAfter() == null || slot.lateAfter().compareTo(settings.burst()) <= 0
        ? slot
        : new Slot(slot.reserved(), slot.delay(), settings.burst());
  }

  /** {@code late}: what to do when the timer fires more than the slot's lateAfter after it. */
  private Uni<Admission> waitFor(Slot slot, Counter waits, Supplier<Uni<Void>> late) {
    if (!slot.reserved()) {
      return Uni.createFrom().item(Admission.later(slot.delay()));
    }
    if (slot.delay().isZero() || slot.delay().isNegative()) {
      return Uni.createFrom().item(Admission.NOW);
    }
    waits.increment();
    long due = System.nanoTime() + slot.delay().toNanos();
    return Uni.createFrom()
        .item(Admission.NOW)
        .onItem()
        .delayIt()
        .by(slot.delay())
        .call(
            () ->
                slot.lateAfter() != null && System.nanoTime() - due > slot.lateAfter().toNanos()
                    ? late.get()
                    : Uni.createFrom().voidItem());
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1_000_000_000d;
  }
}
