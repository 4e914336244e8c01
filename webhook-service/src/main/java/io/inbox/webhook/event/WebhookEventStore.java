package io.inbox.webhook.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Every signed webhook body is stored before anything else happens to it, so nothing Meta sent is
 * lost: parseable JSON as {@code payload}, anything else as {@code rawBody} with its parse error. A
 * parseable body is stored in the transaction that processes it ({@link EventTransaction}).
 */
@ApplicationScoped
public class WebhookEventStore {

  private static final String INSERT_PARSED =
      """
      INSERT INTO "WebhookEvent" ("receivedAt", "requestId", "signatureValid", "payload")
      VALUES ((now() AT TIME ZONE 'UTC'), $1, TRUE, $2::jsonb)
      RETURNING "id"
      """;

  private static final String INSERT_UNPARSEABLE =
      """
      INSERT INTO "WebhookEvent" ("receivedAt", "requestId", "signatureValid", "rawBody", "error", "processedAt")
      VALUES ((now() AT TIME ZONE 'UTC'), $1, TRUE, $2, $3, (now() AT TIME ZONE 'UTC'))
      RETURNING "id"
      """;

  private static final String MARK_PROCESSED = markProcessedSql("$1", "$2");

  /** The body as stored: the jsonb payload, else the raw text an unparseable body was kept as. */
  private static final String FIND =
      """
      SELECT "id", COALESCE("payload"::text, "rawBody") AS "body", "signatureValid",
             ("processedAt" IS NOT NULL AND "error" IS NULL) AS "processedCleanly"
        FROM "WebhookEvent"
       WHERE "id" = $1
      """;

  /** Uses "WebhookEvent_receivedAt_idx"; unsigned events are never replayed. */
  private static final String REPLAYABLE_IDS =
      """
      SELECT "id" FROM "WebhookEvent"
       WHERE "receivedAt" >= $1 AND "receivedAt" < $2 AND "signatureValid"
         AND (NOT $3 OR "processedAt" IS NULL OR "error" IS NOT NULL)
       ORDER BY "id"
      """;

  private final Pool pool;

  public WebhookEventStore(Pool pool) {
    this.pool = pool;
  }

  /** {@code json} must be valid JSON; Postgres normalises it into jsonb. */
  Uni<Long> storeParsed(SqlClient client, String requestId, String json) {
    return client
        .preparedQuery(INSERT_PARSED)
        .execute(Tuple.of(requestId, json))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Stored already processed: there is nothing more to do with it but keep it. */
  public Uni<Long> storeUnparseable(String requestId, String rawBody, String error) {
    return pool.preparedQuery(INSERT_UNPARSEABLE)
        .execute(Tuple.of(requestId, rawBody, error))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Null when there is no such event. */
  public Uni<StoredEvent> find(long eventId) {
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(eventId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row row = rows.iterator().next();
              return new StoredEvent(
                  row.getLong("id"),
                  row.getString("body"),
                  row.getBoolean("signatureValid"),
                  row.getBoolean("processedCleanly"));
            });
  }

  /**
   * Signed events received in {@code [from, to)} (UTC), oldest first; with {@code onlyFailed} only
   * those not processed cleanly (an error, or never finished).
   */
  public Uni<List<Long>> replayableIds(LocalDateTime from, LocalDateTime to, boolean onlyFailed) {
    return pool.preparedQuery(REPLAYABLE_IDS)
        .execute(Tuple.of(from, to, onlyFailed))
        .map(
            rows ->
                StreamSupport.stream(rows.spliterator(), false).map(r -> r.getLong("id")).toList());
  }

  /**
   * {@code error} null when every message and status of the body was handled. {@code client}: the
   * transaction that processed the event, or the pool.
   */
  public Uni<Void> markProcessed(SqlClient client, long eventId, String error) {
    return client.preparedQuery(MARK_PROCESSED).execute(Tuple.of(eventId, error)).replaceWithVoid();
  }

  /** For a mark of its own, outside any processing transaction. */
  public Uni<Void> markProcessed(long eventId, String error) {
    return markProcessed(pool, eventId, error);
  }

  /**
   * The mark of {@link #markProcessed}, for a statement that also does other work (a delivery's
   * first message marks its event in the statement that ingests it, one round trip fewer), with
   * that statement's parameters for the event's id and the error.
   */
  public static String markProcessedSql(String eventId, String error) {
    return """
        UPDATE "WebhookEvent" SET "processedAt" = (now() AT TIME ZONE 'UTC'), "error" = %s WHERE "id" = %s
        """
        .formatted(error, eventId);
  }
}
