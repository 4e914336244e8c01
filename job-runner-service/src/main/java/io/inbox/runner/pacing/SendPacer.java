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
import java.time.LocalDateTime;
import java.util.function.Supplier;

/**
 * Holds a send until its channel's shared bucket and Meta's pair limit both allow it (see {@link
 * PacingSql}): the limits are kept before sending, by every runner together, not learned from
 * Meta's errors. Waits are timers, never a blocked thread.
 */
@ApplicationScoped
public class SendPacer {

  /**
   * One reservation's answer: a slot {@code delay} from now (due at {@code dueNanos} on this JVM's
   * clock, {@code at} on the database's), or none that near. {@code heldBack}: the slot is later
   * than the send could otherwise go (the bucket: any wait; the pair: beyond its bucket slot).
   * {@code lateAfter}: how late the send may leave before it crowds the sends of later slots (the
   * bucket: one slot's length, at most the burst); null for the pair slot, which no other send
   * shares.
   */
  private record Slot(
      boolean reserved,
      boolean heldBack,
      Duration delay,
      long dueNanos,
      Duration lateAfter,
      LocalDateTime at) {}

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
   * not admitted because a slot is further away than {@code runner.pacing.max-wait}. The pair slot
   * is reserved right after the bucket's and is never earlier than the bucket slot (so the
   * "lastOutboundAt" it records is when the send really goes), and one timer waits for the later of
   * the two: when it fires the send leaves, with no round trip between the slot and the provider
   * call that could make it late.
   */
  public Uni<Admission> admit(long conversationId) {
    Tuple bucketArgs =
        Tuple.of(conversationId, seconds(settings.burst()), seconds(settings.maxWait()));
    return reserve(PacingSql.RESERVE_SEND, bucketArgs)
        .flatMap(
            bucket ->
                !bucket.reserved()
                    ? Uni.createFrom().item(Admission.later(bucket.delay()))
                    : settings.pairInterval().isZero()
                        ? bucketSlot(bucket, bucketArgs)
                        : withPairSlot(conversationId, bucket, bucketArgs));
  }

  /**
   * Nothing reserved: the bucket's slot stays taken (one slot of the number's second unused), as a
   * send whose conversation is over its pair limit is rare and its retry comes seconds later.
   */
  private Uni<Admission> withPairSlot(long conversationId, Slot bucket, Tuple bucketArgs) {
    Tuple pairArgs =
        Tuple.of(
            conversationId,
            seconds(settings.pairInterval()),
            seconds(settings.maxWait()),
            bucket.at());
    return reserve(PacingSql.RESERVE_PAIR, pairArgs)
        .flatMap(
            pair -> {
              if (!pair.reserved()) {
                return Uni.createFrom().item(Admission.later(pair.delay()));
              }
              if (!pair.heldBack()) {
                return bucketSlot(bucket, bucketArgs);
              }
              pairWaits.increment();
              return until(pair, Uni.createFrom()::voidItem);
            });
  }

  private Uni<Admission> bucketSlot(Slot bucket, Tuple bucketArgs) {
    if (!bucket.heldBack()) {
      return Uni.createFrom().item(Admission.NOW);
    }
    bucketWaits.increment();
    return until(bucket, () -> makeUp(bucketArgs));
  }

  /**
   * The send is admitted later than one slot's length (or the burst, if shorter) after its slot: a
   * pause of the JVM or the machine, or a pair reservation slower than the bucket's wait. The send
   * leaves in another slot's time, on top of the send due there. It takes one more slot, the next
   * free one (well within the next second while the queue ahead is short, as it is with bounded
   * workers), so the second it lands in still holds no more than the rate. Nothing waits for that
   * slot, and when it is beyond the max wait none is taken.
   */
  private Uni<Void> makeUp(Tuple bucketArgs) {
    lateSends.increment();
    return reserve(PacingSql.RESERVE_SEND, bucketArgs).replaceWithVoid();
  }

  private Uni<Slot> reserve(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(this::toSlot);
  }

  /** No row: the conversation (or any channel) is gone; nothing to pace, the send finds out. */
  private Slot toSlot(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return new Slot(true, false, Duration.ZERO, System.nanoTime(), null, null);
    }
    Row row = rows.iterator().next();
    // Whole milliseconds, rounded up: a timer takes no less, and a slot is never sent early.
    Duration delay = Duration.ofMillis((long) Math.ceil(row.getDouble("waitSeconds") * 1000));
    boolean bucket = row.getColumnIndex("rate") >= 0;
    return new Slot(
        row.getBoolean("reserved"),
        bucket ? !delay.isZero() : row.getBoolean("heldBack"),
        delay,
        System.nanoTime() + delay.toNanos(),
        bucket ? oneSlotAtMostTheBurst(row.getDouble("rate")) : null,
        bucket ? row.getLocalDateTime("slotAt") : null);
  }

  private Duration oneSlotAtMostTheBurst(double rate) {
    Duration slot = Duration.ofNanos((long) (1_000_000_000d / rate));
    return slot.compareTo(settings.burst()) <= 0 ? slot : settings.burst();
  }

  /**
   * Admits when {@code slot} is due; {@code late}: what to do when that is more than the slot's
   * lateAfter after it (the timer fired late, or the pair's round trip outlasted a short wait).
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
