package io.inbox.admin.conversation;

import io.inbox.admin.conversation.ConversationQueries.Query;
import io.inbox.admin.conversation.ConversationViews.Deletion;
import io.inbox.admin.conversation.ConversationViews.Detail;
import io.inbox.admin.conversation.ConversationViews.LastMessage;
import io.inbox.admin.conversation.ConversationViews.Message;
import io.inbox.admin.conversation.ConversationViews.Summary;
import io.inbox.admin.conversation.ConversationViews.Thread;
import io.inbox.admin.inbox.Contact;
import io.inbox.admin.inbox.Conversation;
import io.inbox.admin.inbox.InboxSession;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.inbox.domain.queue.QueueAdminSql;
import io.inbox.domain.schema.ConversationFkReport;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.sql.ReactiveTextRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inbox: list and read conversations, soft delete and restore them, hard delete safely. */
@ApplicationScoped
public class ConversationService {

  static final String FK_CONFLICT = "Cannot delete conversation due to foreign key constraints";

  /** Unread count and latest message of one conversation of a page. */
  private record PageDetails(long unread, LastMessage last) {}

  private final Pool pool;

  public ConversationService(Pool pool) {
    this.pool = pool;
  }

  /**
   * A page of the inbox. With {@code q}, its candidates first: few, and the page is read among
   * them; many, and the list is scanned in its order until the page is full.
   */
  @WithSession
  public Uni<Page<Summary>> list(ConversationFilter filter, int page, int limit) {
    if (filter.q() == null) {
      return list(ConversationQueries.list(filter), page, limit);
    }
    Query candidates = ConversationQueries.candidates(filter);
    return Panache.getSession()
        .flatMap(
            s -> {
              var select = s.createSelectionQuery(candidates.hql(), Integer.class);
              candidates.parameters().forEach(select::setParameter);
              return select.setMaxResults(ConversationQueries.FEW_CANDIDATES + 1).getResultList();
            })
        .flatMap(
            ids -> {
              if (ids.size() > ConversationQueries.FEW_CANDIDATES) {
                return list(ConversationQueries.list(filter), page, limit);
              }
              if (ids.isEmpty()) {
                return Uni.createFrom().item(Page.of(List.<Summary>of(), page, limit));
              }
              List<Integer> distinct = ids.stream().distinct().toList();
              return list(ConversationQueries.list(filter, distinct), page, limit);
            });
  }

  private Uni<Page<Summary>> list(Query query, int page, int limit) {
    return Panache.getSession()
        .flatMap(
            s -> {
              var select = s.createSelectionQuery(query.hql(), Object[].class);
              query.parameters().forEach(select::setParameter);
              return select.setFirstResult(page * limit).setMaxResults(limit + 1).getResultList();
            })
        .flatMap(ConversationService::summaries)
        .map(rows -> Page.of(rows, page, limit));
  }

  @WithSession
  public Uni<Detail> detail(long id, boolean includeDeleted, int page, int limit) {
    return summary(id)
        .flatMap(
            summary -> {
              if (summary == null || (summary.deletedAt() != null && !includeDeleted)) {
                throw notFound(id);
              }
              return io.inbox.admin.inbox.Message.<io.inbox.admin.inbox.Message>find(
                      ConversationQueries.MESSAGES, Map.of("id", (int) id))
                  .range(page * limit, Page.lastRow(page, limit))
                  .list()
                  .map(
                      rows -> {
                        Page<Message> p =
                            Page.of(
                                rows.stream().map(ConversationService::message).toList(),
                                page,
                                limit);
                        return new Detail(summary, p.items(), page, limit, p.hasMore());
                      });
            });
  }

  /** The thread newest first, {@code limit} messages older than {@code before} (a message id). */
  @WithSession
  public Uni<Thread> thread(long id, Long before, int limit) {
    return live(id)
        .flatMap(
            conversation -> {
              if (before == null) {
                return io.inbox.admin.inbox.Message.<io.inbox.admin.inbox.Message>find(
                        ConversationQueries.THREAD, Map.of("id", conversation.id))
                    .range(0, limit)
                    .list();
              }
              return io.inbox.admin.inbox.Message.<io.inbox.admin.inbox.Message>findById(
                      before.intValue())
                  .flatMap(
                      cursor -> {
                        if (cursor == null || !cursor.conversationId.equals(conversation.id)) {
                          throw Params.badRequest(
                              "before",
                              "before must be a message of conversation " + id + ", got " + before);
                        }
                        return io.inbox.admin.inbox.Message.<io.inbox.admin.inbox.Message>find(
                                ConversationQueries.THREAD_BEFORE,
                                Map.of(
                                    "id",
                                    conversation.id,
                                    "at",
                                    cursor.createdAt,
                                    "before",
                                    cursor.id))
                            .range(0, limit)
                            .list();
                      });
            })
        .map(
            rows -> {
              List<Message> messages =
                  rows.stream().limit(limit).map(ConversationService::message).toList();
              Long next = rows.size() > limit ? messages.get(limit - 1).id() : null;
              return new Thread(id, messages, next);
            });
  }

  @WithTransaction
  public Uni<Deletion> softDelete(long id, String actor) {
    return locked(id)
        .flatMap(
            conversation ->
                InboxSession.now()
                    .flatMap(
                        now -> {
                          if (conversation.deletedAt == null) {
                            conversation.deletedAt = now;
                            conversation.updatedAt = now;
                          }
                          return InboxSession.execute(QueueAdminSql.CANCEL_QUEUED_JOBS, (int) id)
                              .map(
                                  jobs ->
                                      new Deletion(
                                          id, Times.instant(conversation.deletedAt), jobs));
                        }))
        .invoke(
            d ->
                Log.infof(
                    "🗑️ [ADMIN] Conversation %d soft-deleted by %s; %d queued job(s) cancelled",
                    id, actor, d.cancelledJobs()));
  }

  @WithTransaction
  public Uni<Deletion> restore(long id, String actor) {
    return locked(id)
        .flatMap(
            conversation ->
                InboxSession.now()
                    .invoke(
                        now -> {
                          conversation.deletedAt = null;
                          conversation.updatedAt = now;
                        }))
        .map(now -> new Deletion(id, null, 0))
        .invoke(d -> Log.infof("♻️ [ADMIN] Conversation %d restored by %s", id, actor));
  }

  /**
   * Deletes only what nothing depends on. With dependents: 409 with their counts, nothing deleted;
   * the foreign keys (RESTRICT) also stop a dependent inserted meanwhile, answered the same way.
   */
  public Uni<Void> hardDelete(long id, String actor) {
    return fkReport(id)
        .flatMap(
            report -> {
              if (!report.exists()) {
                throw notFound(id);
              }
              if (report.blockingDependents(ProductSchema.CONTRACT) > 0) {
                throw conflict(report);
              }
              return Panache.withTransaction(() -> Conversation.delete("id", (int) id))
                  .replaceWithVoid();
            })
        .onFailure(ConversationService::foreignKeyViolation)
        .recoverWithUni(
            f ->
                fkReport(id)
                    .map(
                        report -> {
                          throw conflict(report);
                        }))
        .invoke(() -> Log.infof("🗑️ [ADMIN] Conversation %d hard-deleted by %s", id, actor));
  }

  public Uni<ConversationFkReport> fkReport(long id) {
    return ReactiveTextRows.query(pool, ConversationFkReport.query(ProductSchema.CONTRACT, id))
        .map(rows -> ConversationFkReport.fromRows(ProductSchema.CONTRACT, id, rows));
  }

  /** One conversation as the list shows it; null when it does not exist. */
  Uni<Summary> summary(long id) {
    return Panache.getSession()
        .flatMap(
            s ->
                s.createSelectionQuery(ConversationQueries.ONE, Object[].class)
                    .setParameter("id", (int) id)
                    .getResultList())
        .flatMap(ConversationService::summaries)
        .map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  /** The conversation, locked for this transaction; 404 when unknown or deleted. */
  Uni<Conversation> locked(long id) {
    return Conversation.<Conversation>findById(
            (int) id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
        .map(
            c -> {
              if (c == null) {
                throw notFound(id);
              }
              return c;
            });
  }

  /** The conversation unless unknown or deleted (404). */
  static Uni<Conversation> live(long id) {
    return Conversation.<Conversation>findById((int) id)
        .map(
            c -> {
              if (c == null || c.deletedAt != null) {
                throw notFound(id);
              }
              return c;
            });
  }

  static RuntimeException notFound(long id) {
    return Params.notFound("Conversation " + id + " not found");
  }

  /**
   * A foreign key stopped the delete (the Vert.x client's or Hibernate Reactive's report of it).
   */
  private static boolean foreignKeyViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg && "23503".equals(pg.getSqlState())
          || t instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static RuntimeException conflict(ConversationFkReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", FK_CONFLICT);
    body.put("dependents", report.dependents());
    return Params.status(Response.Status.CONFLICT, body);
  }

  /** Rows of (Conversation, Contact) as summaries, with one more query for the whole page. */
  private static Uni<List<Summary>> summaries(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Integer> ids = rows.stream().map(r -> ((Conversation) r[0]).id).toList();
    return Panache.getSession()
        .flatMap(
            s ->
                s.createSelectionQuery(ConversationQueries.PAGE_DETAILS, Object[].class)
                    .setParameter("ids", ids)
                    .getResultList())
        .map(
            details -> {
              Map<Integer, PageDetails> byId = new HashMap<>();
              for (Object[] d : details) {
                LastMessage last =
                    d[3] == null
                        ? null
                        : new LastMessage(
                            preview((String) d[2]),
                            (String) d[3],
                            Times.instant((LocalDateTime) d[4]));
                byId.put((Integer) d[0], new PageDetails(((Number) d[1]).longValue(), last));
              }
              return rows.stream()
                  .map(
                      r ->
                          summary(
                              (Conversation) r[0],
                              (Contact) r[1],
                              byId.getOrDefault(
                                  ((Conversation) r[0]).id, new PageDetails(0, null))))
                  .toList();
            });
  }

  private static Summary summary(Conversation c, Contact contact, PageDetails details) {
    return new Summary(
        c.id,
        c.status,
        c.channel,
        c.mode.name(),
        c.assignee,
        Times.instant(c.modeChangedAt),
        c.modeChangedBy,
        new ConversationViews.Contact(contact.id, contact.phone, contact.name),
        details.last(),
        details.unread(),
        Times.instant(c.lastInboundAt),
        Times.instant(c.lastReadAt),
        Times.instant(c.updatedAt),
        Times.instant(c.deletedAt));
  }

  static Message message(io.inbox.admin.inbox.Message m) {
    return new Message(
        m.id,
        m.direction,
        m.body,
        m.status,
        m.author,
        m.error,
        m.providerMessageId,
        Times.instant(m.createdAt),
        Times.instant(m.statusUpdatedAt),
        m.type,
        m.mediaId != null,
        m.mimeType,
        m.filename,
        m.caption,
        m.latitude,
        m.longitude,
        m.locationName,
        m.locationAddress,
        m.contextMessageId);
  }

  private static String preview(String body) {
    return body == null || body.length() <= 120 ? body : body.substring(0, 117) + "...";
  }
}
