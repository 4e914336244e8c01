package io.inbox.webhook.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every signed webhook body is stored before anything else happens to it, so nothing Meta sent is
 * lost: parseable JSON as {@code payload}, anything else as {@code rawBody} with its parse error.
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

  private static final String MARK_PROCESSED =
      """
      UPDATE "WebhookEvent" SET "processedAt" = (now() AT TIME ZONE 'UTC'), "error" = $2 WHERE "id" = $1
      """;

  private final Pool pool;

  public WebhookEventStore(Pool pool) {
    this.pool = pool;
  }

  /** {@code json} must be valid JSON; Postgres normalises it into jsonb. */
  public Uni<Long> storeParsed(String requestId, String json) {
    return pool.preparedQuery(INSERT_PARSED)
        .execute(Tuple.of(requestId, json))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Stored already processed: there is nothing more to do with it but keep it. */
  public Uni<Long> storeUnparseable(String requestId, String rawBody, String error) {
    return pool.preparedQuery(INSERT_UNPARSEABLE)
        .execute(Tuple.of(requestId, rawBody, error))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** {@code error} null when every message and status of the body was handled. */
  public Uni<Void> markProcessed(long eventId, String error) {
    return pool.preparedQuery(MARK_PROCESSED).execute(Tuple.of(eventId, error)).replaceWithVoid();
  }
}
