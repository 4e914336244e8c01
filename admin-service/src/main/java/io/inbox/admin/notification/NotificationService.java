package io.inbox.admin.notification;

import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Operator notifications: unread first, snoozed ones hidden until their time comes. */
@ApplicationScoped
public class NotificationService {

  /** A notification as the API shows it. */
  public record View(
      long id,
      Long conversationId,
      String type,
      String title,
      String body,
      Instant readAt,
      Instant snoozedUntil,
      Instant createdAt) {}

  private static final String COLUMNS =
      "\"id\", \"conversationId\", \"type\", \"title\", \"body\", \"readAt\", \"snoozedUntil\", \"createdAt\"";

  /** $1 include snoozed, $2 now (UTC), $3 limit, $4 offset. */
  private static final String LIST =
      "SELECT "
          + COLUMNS
          + """
           FROM "Notification"
           WHERE ($1 OR "snoozedUntil" IS NULL OR "snoozedUntil" <= $2)
           ORDER BY ("readAt" IS NULL) DESC, "createdAt" DESC, "id" DESC
           LIMIT $3 OFFSET $4
          """;

  private static final String SNOOZE =
      "UPDATE \"Notification\" SET \"snoozedUntil\" = $2 WHERE \"id\" = $1 RETURNING " + COLUMNS;

  private static final String READ =
      "UPDATE \"Notification\" SET \"readAt\" = COALESCE(\"readAt\", $2) WHERE \"id\" = $1 RETURNING "
          + COLUMNS;

  private final Pool pool;
  private final Clock clock;

  public NotificationService(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public Uni<Page<View>> list(boolean includeSnoozed, int page, int limit) {
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(includeSnoozed, Times.now(clock), limit + 1, page * limit))
        .map(rows -> Page.of(views(rows), page, limit));
  }

  /** Exactly one of {@code until} or {@code minutes}; the time must be in the future. */
  public Uni<View> snooze(long id, Instant until, Integer minutes) {
    if ((until == null) == (minutes == null)) {
      throw Params.badRequest("until", "send either \"until\" (ISO-8601 instant) or \"minutes\"");
    }
    if (minutes != null && minutes <= 0) {
      throw Params.badRequest("minutes", "minutes must be positive, got " + minutes);
    }
    Instant now = clock.instant();
    Instant target = until != null ? until : now.plusSeconds(60L * minutes);
    if (!target.isAfter(now)) {
      throw Params.badRequest("until", "until must be in the future, got " + until);
    }
    return update(SNOOZE, id, Times.utc(target));
  }

  public Uni<View> markRead(long id) {
    return update(READ, id, Times.now(clock));
  }

  private Uni<View> update(String sql, long id, LocalDateTime value) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(id, value))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw Params.notFound("Notification " + id + " not found");
              }
              return views(rows).get(0);
            });
  }

  private static List<View> views(Iterable<Row> rows) {
    List<View> views = new ArrayList<>();
    for (Row r : rows) {
      views.add(
          new View(
              r.getLong("id"),
              r.getLong("conversationId"),
              r.getString("type"),
              r.getString("title"),
              r.getString("body"),
              Times.instant(r.getLocalDateTime("readAt")),
              Times.instant(r.getLocalDateTime("snoozedUntil")),
              Times.instant(r.getLocalDateTime("createdAt"))));
    }
    return views;
  }
}
