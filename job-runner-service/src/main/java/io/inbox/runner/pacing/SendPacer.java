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
   * One slot's answer: a slot {@code delay} from now (due at {@code dueNanos} on this JVM's clock),
   * or none that near. {@code heldBack}: the slot is later than the send could otherwise go (the
   * bucket: any wait; the pair: beyond its bucket slot). {@code lateAfter}: how late the send may
   * leave before it crowds the sends of later slots (the bucket: one slot's length, at most the
   * burst); null for the pair slot, which no other send shares.
   */
  private record Slot(
      boolean reserved, boolean heldBack, Duration delay, long dueNanos, Duration lateAfter) {

    static final Slot NONE_NEEDED = new Slot(true, false, Duration.ZERO, 0, null);
  }

  private record Slots(Slot bucket, Slot pair) {}

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
                "Sends admitted later than one slot (or the burst) after their slot: each took one more slot")
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
   * not admitted because a slot is further away than {@code runner.pacing.max-wait}. Both slots are
   * reserved in one round trip, the pair slot never earlier than the bucket slot (so the
   * "lastOutboundAt" it records is when the send really goes), and one timer waits for the later of
   * the two: when it fires the send leaves, with no round trip between the slot and the provider
   * call that could make it late.
   */
  public Uni<Admission> admit(long conversationId) {
    return reserve(conversationId, settings.pairInterval())
        .flatMap(
            slots -> {
              Slot bucket = slots.bucket();
              Slot pair = slots.pair();
              if (!bucket.reserved() || !pair.reserved()) {
                return Uni.createFrom()
                    .item(Admission.later(bucket.reserved() ? pair.delay() : bucket.delay()));
              }
              if (pair.heldBack()) {
                pairWaits.increment();
                return until(pair, Uni.createFrom()::voidItem);
              }
              if (!bucket.heldBack()) {
                return Uni.createFrom().item(Admission.NOW);
              }
              bucketWaits.increment();
              return until(bucket, () -> makeUp(conversationId));
            });
  }

  /**
   * The send is admitted later than one slot's length (or the burst, if shorter) after its slot: a
   * pause of the JVM or the machine. The send leaves in another slot's time, on top of the send due
   * there. It takes one more bucket slot (no pair slot: its own is taken), the next free one (well
   * within the next second while the queue ahead is short, as it is with bounded workers), so the
   * second it lands in still holds no more than the rate. Nothing waits for that slot, and when it
   * is beyond the max wait none is taken.
   */
  private Uni<Void> makeUp(long conversationId) {
    lateSends.increment();
    return reserve(conversationId, Duration.ZERO).replaceWithVoid();
  }

  private Uni<Slots> reserve(long conversationId, Duration pairInterval) {
    Tuple args =
        Tuple.of(
            conversationId,
            seconds(settings.burst()),
            seconds(settings.maxWait()),
            seconds(pairInterval));
    return pool.preparedQuery(PacingSql.RESERVE_SLOTS).execute(args).map(this::toSlots);
  }

  /** No row: the conversation (or any channel) is gone; nothing to pace, the send finds out. */
  private Slots toSlots(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return new Slots(Slot.NONE_NEEDED, Slot.NONE_NEEDED);
    }
    Row row = rows.iterator().next();
    Duration bucketDelay = millisRoundedUp(row.getDouble("waitSeconds"));
    Duration pairDelay = millisRoundedUp(row.getDouble("pairWaitSeconds"));
    long now = System.nanoTime();
    return new Slots(
        new Slot(
            row.getBoolean("reserved"),
            !bucketDelay.isZero(),
            bucketDelay,
            now + bucketDelay.toNanos(),
            oneSlotAtMostTheBurst(row.getDouble("rate"))),
        new Slot(
            row.getBoolean("pairReserved"),
            row.getBoolean("pairHeldBack"),
            pairDelay,
            now + pairDelay.toNanos(),
            null));
  }

  /** Whole milliseconds, rounded up: a timer takes no less, and a slot is never sent early. */
  private static Duration millisRoundedUp(double seconds) {
    return Duration.ofMillis((long) Math.ceil(seconds * 1000));
  }

  private Duration oneSlotAtMostTheBurst(double rate) {
    Duration slot = Duration.ofNanos((long) (1_000_000_000d / rate));
    return slot.compareTo(settings.burst()) <= 0 ? slot : settings.burst();
  }

  /**
   * Admits when {@code slot} is due; {@code late}: what to do when that is more than the slot's
   * lateAfter after it (the timer fired late).
   */
  private Uni<Admission> until(Slot slot, Supplier<Uni<Void>> late) {
    long left = slot.dueNanos() - System.nanoTime();
    // Whole milliseconds, rounded up: the timer refuses less than one, and a slot is never early.
    Uni<Admission> due =
        left <= 0
            ? Uni.createFrom().item(Admission.NOW)
            : Uni.createFrom()
                .item(Admission.NOW)
                .onItem()
                .delayIt()
                .by(Duration.ofMillis((left + 999_999) / 1_000_000));
    return due.call(
        () ->
            slot.lateAfter() != null
                    && System.nanoTime() - slot.dueNanos() > slot.lateAfter().toNanos()
                ? late.get()
                : Uni.createFrom().voidItem());
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1_000_000_000d;
  }
}
