package io.inbox.admin.job;

import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.inbox.domain.queue.OutboundQueue;
import io.inbox.domain.queue.QueueAdminSql;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outbound queue as operators see it: list jobs, retry a failed one. */
@ApplicationScoped
public class JobService {

  /** A job as the API shows it. */
  @Schema(name = "Job")
  public record View(
      long id,
      long conversationId,
      String inboundProviderMessageId,
      String status,
      int attempts,
      int maxAttempts,
      String lastError,
      Instant runAt,
      Instant updatedAt) {}

  private final Pool pool;

  public JobService(Pool pool) {
    this.pool = pool;
  }

  public Uni<Page<View>> list(String status, int page, int limit) {
    return pool.preparedQuery(QueueAdminSql.LIST_JOBS)
        .execute(Tuple.of(status, limit + 1, page * limit))
        .map(rows -> Page.of(views(rows), page, limit));
  }

  public Uni<View> retry(long id, String actor) {
    return pool.withTransaction(
            c ->
                c.preparedQuery(QueueAdminSql.RETRY_FAILED_JOB)
                    .execute(Tuple.of(id))
                    .flatMap(
                        rows -> {
                          if (rows.size() == 0) {
                            return c.preparedQuery(QueueAdminSql.JOB_STATUS)
                                .execute(Tuple.of(id))
                                .map(
                                    found -> {
                                      if (found.size() == 0) {
                                        throw Params.notFound("Job " + id + " not found");
                                      }
                                      String status = found.iterator().next().getString("status");
                                      throw Params.status(
                                          Response.Status.CONFLICT,
                                          Map.of(
                                              "error",
                                              "Job "
                                                  + id
                                                  + " is "
                                                  + status
                                                  + "; only FAILED jobs can be retried"));
                                    });
                          }
                          View job = views(rows).get(0);
                          return c.preparedQuery(QueueAdminSql.REOPEN_REFUSED_SEND)
                              .execute(Tuple.of(id))
                              .flatMap(
                                  ignored ->
                                      c.preparedQuery("SELECT pg_notify($1, $2)")
                                          .execute(
                                              Tuple.of(OutboundQueue.CHANNEL, Long.toString(id))))
                              .replaceWith(job);
                        }))
        .invoke(job -> Log.infof("🔁 [ADMIN] Job %d requeued by %s", id, actor));
  }

  private static List<View> views(Iterable<Row> rows) {
    List<View> views = new ArrayList<>();
    for (Row r : rows) {
      views.add(
          new View(
              r.getLong("id"),
              r.getLong("conversationId"),
              r.getString("inboundProviderMessageId"),
              r.getString("status"),
              r.getInteger("attempts"),
              r.getInteger("maxAttempts"),
              r.getString("lastError"),
              Times.instant(r.getLocalDateTime("runAt")),
              Times.instant(r.getLocalDateTime("updatedAt"))));
    }
    return views;
  }
}
