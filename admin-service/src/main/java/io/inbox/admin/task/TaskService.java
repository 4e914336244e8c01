package io.inbox.admin.task;

import io.inbox.admin.inbox.InboxSession;
import io.inbox.admin.inbox.Task;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Tasks of the inbox (the runner opens one at each handover): list, assign, complete. */
@ApplicationScoped
public class TaskService {

  /** A task as the API shows it. */
  @Schema(name = "Task")
  public record View(
      long id,
      long conversationId,
      String title,
      String status,
      Instant dueAt,
      String assignee,
      Instant completedAt,
      String completedBy,
      Instant createdAt,
      Instant updatedAt) {}

  /** Oldest first: the one waiting longest is on top. */
  private static final String ORDER = " order by t.createdAt, t.id";

  @WithSession
  public Uni<Page<View>> list(
      String status, String assignee, Long conversationId, int page, int limit) {
    List<String> where = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (status != null) {
      where.add("t.status = :status");
      parameters.put("status", status);
    }
    if (assignee != null) {
      where.add("t.assignee = :assignee");
      parameters.put("assignee", assignee);
    }
    if (conversationId != null) {
      where.add("t.conversationId = :conversationId");
      parameters.put("conversationId", conversationId.intValue());
    }
    String hql =
        "from Task t" + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + ORDER;
    return Task.<Task>find(hql, parameters)
        .range(page * limit, Page.lastRow(page, limit))
        .list()
        .map(rows -> Page.of(rows.stream().map(TaskService::view).toList(), page, limit));
  }

  @WithTransaction
  public Uni<View> assign(long id, String assignee, String actor) {
    return locked(id)
        .flatMap(
            task -> {
              if (assignee.equals(task.assignee)) {
                return Uni.createFrom().item(view(task));
              }
              return InboxSession.now()
                  .map(
                      now -> {
                        task.assignee = assignee;
                        task.updatedAt = now;
                        Log.infof("📌 [ADMIN] Task %d assigned to %s by %s", id, assignee, actor);
                        return view(task);
                      });
            });
  }

  /** DONE, by {@code actor}, now; a second call keeps the first completion. */
  @WithTransaction
  public Uni<View> complete(long id, String actor) {
    return locked(id)
        .flatMap(
            task -> {
              if ("DONE".equals(task.status)) {
                return Uni.createFrom().item(view(task));
              }
              return InboxSession.now()
                  .map(
                      now -> {
                        task.status = "DONE";
                        task.completedAt = now;
                        task.completedBy = actor;
                        task.updatedAt = now;
                        Log.infof("✅ [ADMIN] Task %d completed by %s", id, actor);
                        return view(task);
                      });
            });
  }

  private static Uni<Task> locked(long id) {
    return Task.<Task>findById((int) id, LockModeType.PESSIMISTIC_WRITE)
        .map(
            task -> {
              if (task == null) {
                throw Params.notFound("Task " + id + " not found");
              }
              return task;
            });
  }

  private static View view(Task t) {
    return new View(
        t.id,
        t.conversationId,
        t.title,
        t.status,
        Times.instant(t.dueAt),
        t.assignee,
        Times.instant(t.completedAt),
        t.completedBy,
        Times.instant(t.createdAt),
        Times.instant(t.updatedAt));
  }
}
