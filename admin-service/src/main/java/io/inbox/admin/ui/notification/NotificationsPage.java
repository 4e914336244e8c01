package io.inbox.admin.ui.notification;

import io.inbox.admin.notification.NotificationService;
import io.inbox.admin.ui.web.UiErrors;
import io.inbox.admin.ui.web.UiMessages;
import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Notifications: mark read, snooze for an hour, until tomorrow 9:00 or until a chosen time. */
@Path("/inbox/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotificationsPage {

  static final int PAGE_SIZE = 50;
  private static final URI SELF = URI.create("/inbox/notifications");

  private final Template notifications;
  private final NotificationService service;
  private final SnoozeChoice snooze;
  private final AdminActor actor;
  private final UiMessages msg;
  private final UiErrors errors;
  private final Clock clock;

  public NotificationsPage(
      @Location("ui/notifications.html") Template notifications,
      NotificationService service,
      SnoozeChoice snooze,
      AdminActor actor,
      UiMessages msg,
      UiErrors errors,
      Clock clock) {
    this.notifications = notifications;
    this.service = service;
    this.snooze = snooze;
    this.actor = actor;
    this.msg = msg;
    this.errors = errors;
    this.clock = clock;
  }

  @GET
  public Uni<Response> list() {
    return errors.guard(() -> render(Map.of(), Response.Status.OK));
  }

  @POST
  @Path("/{id}/read")
  public Uni<Response> read(@PathParam("id") String id) {
    return errors.guard(() -> service.markRead(Params.id(id, "id"), actor.name()).map(n -> back()));
  }

  @POST
  @Path("/{id}/snooze")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> snooze(
      @PathParam("id") String id, @FormParam("when") String when, @FormParam("at") String at) {
    return errors.guard(
        () -> {
          long notificationId = Params.id(id, "id");
          Instant until = snooze.until(when, at, clock.instant());
          if (until == null) {
            return render(
                Map.of(notificationId, msg.snoozeTimeInvalid()), Response.Status.BAD_REQUEST);
          }
          return service.snooze(notificationId, until, null, actor.name()).map(n -> back());
        });
  }

  /** {@code snoozeErrors}: the inline error of a notification's snooze form, by its id. */
  private Uni<Response> render(Map<Long, String> snoozeErrors, Response.Status status) {
    return service
        .list(false, 0, PAGE_SIZE)
        .map(
            page ->
                Response.status(status)
                    .entity(
                        notifications
                            .data("page", page)
                            .data("snoozeErrors", snoozeErrors)
                            .data("zone", snooze.zone().getId()))
                    .build());
  }

  private static Response back() {
    return Response.seeOther(SELF).build();
  }
}
