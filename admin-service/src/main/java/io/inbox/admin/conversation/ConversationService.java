package io.inbox.admin.conversation;

import io.inbox.admin.conversation.ConversationViews.Contact;
import io.inbox.admin.conversation.ConversationViews.Deletion;
import io.inbox.admin.conversation.ConversationViews.Detail;
import io.inbox.admin.conversation.ConversationViews.LastMessage;
import io.inbox.admin.conversation.ConversationViews.Message;
import io.inbox.admin.conversation.ConversationViews.Summary;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.inbox.domain.queue.OutboundQueueSql;
import io.inbox.domain.schema.ConversationFkReport;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.sql.ReactiveTextRows;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inbox: list and read conversations, soft delete and restore them, hard delete safely. */
@ApplicationScoped
public class ConversationService {

  static final String FK_CONFLICT = "Cannot delete conversation due to foreign key constraints";

  private final Pool pool;

  public ConversationService(Pool pool) {
    this.pool = pool;
  }

  public Uni<Page<Summary>> list(boolean includeDeleted, String status, int page, int limit) {
    return pool.preparedQuery(ConversationSql.LIST)
        .execute(Tuple.of(includeDeleted, status, limit + 1, page * limit))
        .map(rows -> Page.of(summaries(rows), page, limit));
  }

  public Uni<Detail> detail(long id, boolean includeDeleted, int page, int limit) {
    return pool.preparedQuery(ConversationSql.ONE)
        .execute(Tuple.of(id))
        .map(rows -> summaries(rows).stream().findFirst().orElse(null))
        .flatMap(
            summary -> {
              if (summary == null || (summary.deletedAt() != null && !includeDeleted)) {
                throw Params.notFound("Conversation " + id + " not found");
              }
              return pool.preparedQuery(ConversationSql.MESSAGES)
                  .execute(Tuple.of(id, limit + 1, page * limit))
                  .map(
                      rows -> {
                        List<Message> messages = new ArrayList<>();
                        for (Row r : rows) {
                          messages.add(
                              new Message(
                                  r.getLong("id"),
                                  r.getString("direction"),
                                  r.getString("body"),
                                  r.getString("status"),
                                  r.getString("providerMessageId"),
                                  Times.instant(r.getLocalDateTime("createdAt"))));
                        }
                        Page<Message> p = Page.of(messages, page, limit);
                        return new Detail(summary, p.items(), page, limit, p.hasMore());
                      });
            });
  }

  public Uni<Deletion> softDelete(long id) {
    return pool.withTransaction(
            c ->
                c.preparedQuery(ConversationSql.SOFT_DELETE)
                    .execute(Tuple.of(id))
                    .flatMap(
                        rows -> {
                          if (rows.size() == 0) {
                            throw Params.notFound("Conversation " + id + " not found");
                          }
                          var deletedAt = rows.iterator().next().getLocalDateTime("deletedAt");
                          return c.preparedQuery(OutboundQueueSql.CANCEL_QUEUED_JOBS)
                              .execute(Tuple.of(id))
                              .map(
                                  jobs ->
                                      new Deletion(id, Times.instant(deletedAt), jobs.rowCount()));
                        }))
        .invoke(
            d ->
                Log.infof(
                    "🗑️ [ADMIN] Conversation %d soft-deleted; %d queued job(s) cancelled",
                    id, d.cancelledJobs()));
  }

  public Uni<Deletion> restore(long id) {
    return pool.preparedQuery(ConversationSql.RESTORE)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw Params.notFound("Conversation " + id + " not found");
              }
              return new Deletion(id, null, 0);
            });
  }

  /**
   * Deletes only what nothing depends on. With dependents: 409 with their counts, nothing deleted;
   * the foreign keys (RESTRICT) also stop a dependent inserted meanwhile, answered the same way.
   */
  public Uni<Void> hardDelete(long id) {
    return fkReport(id)
        .flatMap(
            report -> {
              if (!report.exists()) {
                throw Params.notFound("Conversation " + id + " not found");
              }
              if (report.blockingDependents(ProductSchema.CONTRACT) > 0) {
                throw conflict(report);
              }
              return pool.preparedQuery(ConversationSql.HARD_DELETE)
                  .execute(Tuple.of(id))
                  .replaceWithVoid();
            })
        .onFailure(f -> f instanceof PgException pg && "23503".equals(pg.getSqlState()))
        .recoverWithUni(
            f ->
                fkReport(id)
                    .map(
                        report -> {
                          throw conflict(report);
                        }));
  }

  public Uni<ConversationFkReport> fkReport(long id) {
    return ReactiveTextRows.query(pool, ConversationFkReport.query(ProductSchema.CONTRACT, id))
        .map(rows -> ConversationFkReport.fromRows(ProductSchema.CONTRACT, id, rows));
  }

  private static RuntimeException conflict(ConversationFkReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", FK_CONFLICT);
    body.put("dependents", report.dependents());
    return Params.status(Response.Status.CONFLICT, body);
  }

  private static List<Summary> summaries(Iterable<Row> rows) {
    List<Summary> result = new ArrayList<>();
    for (Row r : rows) {
      LastMessage last =
          r.getString("lastDirection") == null
              ? null
              : new LastMessage(
                  preview(r.getString("lastBody")),
                  r.getString("lastDirection"),
                  Times.instant(r.getLocalDateTime("lastAt")));
      result.add(
          new Summary(
              r.getLong("id"),
              r.getString("status"),
              r.getString("channel"),
              new Contact(r.getLong("contactId"), r.getString("phone"), r.getString("name")),
              last,
              r.getLong("unread"),
              Times.instant(r.getLocalDateTime("lastInboundAt")),
              Times.instant(r.getLocalDateTime("updatedAt")),
              Times.instant(r.getLocalDateTime("deletedAt"))));
    }
    return result;
  }

  private static String preview(String body) {
    return body == null || body.length() <= 120 ? body : body.substring(0, 117) + "...";
  }
}
