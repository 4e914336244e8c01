package io.inbox.admin.reply;

import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.inbox.domain.queue.JobEnqueueSql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Agents' replies, queued for the runner through the outbound ledger: one statement writes the
 * PENDING Message row and its AGENT_REPLY job (domain {@link JobEnqueueSql}: the queue's SQL has
 * one owner, one class per concern), so a reply is either fully queued or not written at all.
 */
@ApplicationScoped
public class AgentReplies {

  private final Pool pool;
  private final Counter queued;

  public AgentReplies(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.queued =
        Counter.builder("admin.agent.replies")
            .description("Agents' replies queued (a repeated request is not counted again)")
            .register(registry);
  }

  /**
   * Queues {@code request} as {@code author}'s reply in conversation {@code conversationId}, or
   * finds the reply an earlier request with the same clientMessageId queued. Fails with 404 for an
   * unknown or deleted conversation, 409 outside the 24-hour window or when the clientMessageId
   * belongs to another message.
   */
  public Uni<AgentReply> reply(long conversationId, ReplyRequest request, String author) {
    return pool.preparedQuery(JobEnqueueSql.ENQUEUE_AGENT_REPLY)
        .execute(Tuple.of(conversationId, request.clientMessageId(), request.body(), author))
        .map(rows -> rows.iterator().next())
        .flatMap(
            outcome ->
                pool.preparedQuery(JobEnqueueSql.AGENT_REPLY_BY_CLIENT_ID)
                    .execute(Tuple.of(request.clientMessageId()))
                    .map(existing -> judge(conversationId, request, outcome, existing)));
  }

  /**
   * The row by clientMessageId is read after the enqueue in every case: it is the reply just
   * queued, an earlier request's (a repeat: same conversation and body), a concurrent twin's that
   * the enqueue waited for, or another message's that happens to share the id.
   */
  private AgentReply judge(
      long conversationId, ReplyRequest request, Row outcome, RowSet<Row> existing) {
    if (existing.size() > 0) {
      Row row = existing.iterator().next();
      boolean same =
          row.getLong("conversationId") == conversationId
              && request.body().equals(row.getString("body"));
      if (!same) {
        throw Params.status(
            Response.Status.CONFLICT,
            Map.of(
                "error",
                "clientMessageId already used for another message",
                "field",
                "clientMessageId"));
      }
      AgentReply reply = AgentReply.of(row, request.clientMessageId());
      if (outcome.getLong("messageId") != null) {
        queued.increment();
        Log.infof(
            "✉️ [AGENT-REPLY] conversation %d: reply %d by %s queued (%d job)",
            conversationId, reply.id(), reply.author(), outcome.getLong("jobsQueued"));
      }
      return reply;
    }
    if (!outcome.getBoolean("conversationFound")) {
      throw Params.notFound("Conversation " + conversationId + " not found");
    }
    if (!outcome.getBoolean("windowOpen")) {
      Instant lastInboundAt = Times.instant(outcome.getLocalDateTime("lastInboundAt"));
      Map<String, Object> body = new HashMap<>();
      body.put("error", "window_closed");
      body.put("lastInboundAt", lastInboundAt == null ? null : lastInboundAt.toString());
      throw Params.status(Response.Status.CONFLICT, body);
    }
    // A twin request held the clientMessageId and then rolled back: nothing is queued; the
    // client's retry with the same id goes through.
    throw Params.status(
        Response.Status.CONFLICT,
        Map.of(
            "error",
            "clientMessageId was held by another request that did not finish; send it again",
            "field",
            "clientMessageId"));
  }
}
