package io.inbox.admin.events;

/**
 * Every statement on the InboxEvent log. The log is written only by the V6 trigger (inside each
 * writer's transaction, which NOTIFYs the id on {@value #CHANNEL} at commit); admin-service reads
 * it for the live stream and prunes it by age.
 */
final class InboxEventSql {

  private InboxEventSql() {}

  /** The channel the trigger NOTIFYs; the payload is the InboxEvent id. */
  static final String CHANNEL = "inbox_events";

  /**
   * The events of the ids notified ($1), in the order the notifications arrived: Postgres delivers
   * them in commit order, which is the order an agent should see them in. An id whose row is gone
   * (pruned) is skipped.
   */
  static final String BY_IDS =
      """
      SELECT e."id", e."type", e."conversationId", e."entityId", e."createdAt"
        FROM unnest($1::bigint[]) WITH ORDINALITY AS n("id", "arrival")
        JOIN "InboxEvent" e ON e."id" = n."id"
       ORDER BY n."arrival"
      """;

  /** The events after id $1, oldest first, at most $2: a replay or a catch-up. */
  static final String AFTER =
      """
      SELECT "id", "type", "conversationId", "entityId", "createdAt"
        FROM "InboxEvent"
       WHERE "id" > $1
       ORDER BY "id"
       LIMIT $2
      """;

  static final String LATEST_ID =
      """
      SELECT COALESCE(max("id"), 0) AS "id" FROM "InboxEvent"
      """;

  /**
   * One batch (at most $2 rows) of events older than $1 seconds, by the database's clock. Small
   * batches keep each delete short; the pruner repeats while batches come back full.
   */
  static final String PRUNE =
      """
      DELETE FROM "InboxEvent"
       WHERE "id" IN (SELECT "id" FROM "InboxEvent"
                       WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1)
                       LIMIT $2)
      """;
}
