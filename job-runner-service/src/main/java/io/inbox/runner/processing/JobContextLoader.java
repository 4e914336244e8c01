package io.inbox.runner.processing;

import io.inbox.runner.queue.ClaimedJob;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Loads a job's conversation, contact and inbound message in one query. */
@ApplicationScoped
public class JobContextLoader {

  /**
   * The inbound message is found by provider id, not OutboundJob.inboundMessageId: jobs the earlier
   * system created have no such column value.
   */
  private static final String LOAD =
      """
      SELECT c."id" AS "conversationId", c."status", (c."deletedAt" IS NOT NULL) AS "deleted",
             c."leadId", ct."id" AS "contactId", ct."phone", ct."name",
             m."id" AS "messageId", m."body"
        FROM "Conversation" c
        JOIN "Contact" ct ON ct."id" = c."contactId"
        LEFT JOIN "Message" m ON m."providerMessageId" = $2
       WHERE c."id" = $1
      """;

  private final Pool pool;

  public JobContextLoader(Pool pool) {
    this.pool = pool;
  }

  public Uni<JobContext> load(ClaimedJob job) {
    return pool.preparedQuery(LOAD)
        .execute(Tuple.of(job.conversationId(), job.inboundProviderMessageId()))
        .map(rows -> rows.size() == 0 ? null : toContext(rows.iterator().next()));
  }

  private static JobContext toContext(Row r) {
    return new JobContext(
        r.getLong("conversationId"),
        r.getString("status"),
        r.getBoolean("deleted"),
        r.getLong("leadId"),
        r.getLong("contactId"),
        r.getString("phone"),
        r.getString("name"),
        r.getLong("messageId"),
        r.getString("body"));
  }
}
