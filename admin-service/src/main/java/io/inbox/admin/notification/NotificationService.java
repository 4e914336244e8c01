package io.inbox.admin.notification;

import io.inbox.admin.inbox.Notification;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Operator notifications: unread first, snoozed ones hidden until their time comes. */
@ApplicationScoped
public class NotificationService {

  /** A notification as the API shows it. */
  @Schema(name = "Notification")
  public record View(
      long id,
      Long conversationId,
      String type,
      String title,
      String body,
      Instant readAt,
      Instant snoozedUntil,
      Instant createdAt) {}

  private static final String ORDER =
      " order by case when n.readAt is null then 0 else 1 end, n.createdAt desc, n.id desc";

  private static final String ALL = "from Notification n" + ORDER;

  /** Snoozed ones only once their time has come. */
  private static final String AWAKE =
      "from Notification n where n.snoozedUntil is null or n.snoozedUntil <= :now" + ORDER;

  private final Clock clock;

  public NotificationService(Clock clock) {
    this.clock = clock;
  }

  @WithSession
  public Uni<Page<View>> list(boolean includeSnoozed, int page, int limit) {
    var query =
        includeSnoozed
            ? Notification.<Notification>find(ALL)
            : Notification.<Notification>find(AWAKE, Map.of("now", Times.now(clock)));
    return query
        .range(page * limit, Page.lastRow(page, limit))
        .list()
        .map(rows -> Page.of(rows.stream().map(NotificationService::view).toList(), page, limit));
  }

  /** Exactly one of {@code until} or {@code minutes}; the time must be in the future. */
  @WithTransaction
  public Uni<View> snooze(long id, Instant until, Integer minutes, String actor) {
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
    LocalDateTime snoozedUntil = Times.utc(target);
    return update(id, n -> n.snoozedUntil = snoozedUntil)
        .invoke(
            v -> Log.infof("😴 [ADMIN] Notification %d snoozed until %s by %s", id, target, actor));
  }

  /** Idempotent: a second call keeps the first time. */
  @WithTransaction
  public Uni<View> markRead(long id, String actor) {
    LocalDateTime now = Times.now(clock);
    return update(
            id,
            n -> {
              if (n.readAt == null) {
                n.readAt = now;
              }
            })
        .invoke(v -> Log.infof("📭 [ADMIN] Notification %d read by %s", id, actor));
  }

  private static Uni<View> update(long id, Consumer<Notification> change) {
    return Notification.<Notification>findById((int) id)
        .map(
            n -> {
              if (n == null) {
                throw Params.notFound("Notification " + id + " not found");
              }
              change.accept(n);
              return view(n);
            });
  }

  private static View view(Notification n) {
    return new View(
        n.id,
        n.conversationId == null ? null : n.conversationId.longValue(),
        n.type,
        n.title,
        n.body,
        Times.instant(n.readAt),
        Times.instant(n.snoozedUntil),
        Times.instant(n.createdAt));
  }
}
