package io.inbox.runner.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue depth and the age of the oldest due job, per channel the queued jobs and its pause, read
 * from the database every few seconds (the queue is shared by all replicas, so no replica's own
 * counters can say this).
 */
@ApplicationScoped
public class QueueGauges {

  private static final String DEPTH =
      """
      SELECT count(*) AS "due",
             COALESCE(EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - min("runAt")), 0)::bigint AS "oldestSeconds"
        FROM "OutboundJob"
       WHERE "status" = 'QUEUED' AND "runAt" <= (now() AT TIME ZONE 'UTC')
      """;

  /**
   * Per number: its QUEUED jobs (due or held back) and whether it is paused. Starts from the queue
   * (QUEUED is few rows, by index), never from the channels' conversations.
   */
  private static final String BY_CHANNEL =
      """
      WITH depth AS (
          SELECT c."channelId", count(*) AS "queued"
            FROM "OutboundJob" j
            JOIN "Conversation" c ON c."id" = j."conversationId"
           WHERE j."status" = 'QUEUED'
           GROUP BY c."channelId"
      )
      SELECT ch."name", (ch."pausedAt" IS NOT NULL) AS "paused",
             COALESCE(sum(depth."queued"), 0)::bigint AS "queued"
        FROM "Channel" ch
        LEFT JOIN depth
               ON depth."channelId" = ch."id" OR (depth."channelId" IS NULL AND ch."isDefault")
       GROUP BY ch."id", ch."name", ch."pausedAt"
      """;

  private final Pool pool;
  private final MultiGauge queuedByChannel;
  private final MultiGauge pausedByChannel;
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong oldestSeconds = new AtomicLong();

  public QueueGauges(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    Gauge.builder("runner.queue.due", due, AtomicLong::get)
        .description("QUEUED jobs whose time has come")
        .register(registry);
    Gauge.builder("runner.queue.oldest.due.seconds", oldestSeconds, AtomicLong::get)
        .description("How long the oldest due job has waited")
        .register(registry);
    queuedByChannel =
        MultiGauge.builder("runner.queue.depth")
            .description("QUEUED jobs per channel, due or held back")
            .register(registry);
    pausedByChannel =
        MultiGauge.builder("runner.channel.paused")
            .description("1 while Meta refuses the channel's sends and its replies wait")
            .register(registry);
  }

  @Scheduled(
      every = "${runner.gauge-interval:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query(DEPTH)
        .execute()
        .invoke(
            rows -> {
              var row = rows.iterator().next();
              due.set(row.getLong("due"));
              oldestSeconds.set(row.getLong("oldestSeconds"));
            })
        .chain(() -> pool.query(BY_CHANNEL).execute())
        .invoke(this::perChannel)
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  private void perChannel(RowSet<Row> rows) {
    List<MultiGauge.Row<?>> queued = new ArrayList<>();
    List<MultiGauge.Row<?>> paused = new ArrayList<>();
    for (Row row : rows) {
      Tags channel = Tags.of("channel", row.getString("name"));
      queued.add(MultiGauge.Row.of(channel, row.getLong("queued")));
      paused.add(MultiGauge.Row.of(channel, row.getBoolean("paused") ? 1 : 0));
    }
    queuedByChannel.register(queued, true);
    pausedByChannel.register(paused, true);
  }
}
