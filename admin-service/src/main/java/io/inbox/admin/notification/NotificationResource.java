package io.inbox.admin.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.inbox.admin.notification.NotificationService.View;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Notifications for operators. */
@Path("/api/admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  private final NotificationService notifications;
  private final AdminActor actor;

  public NotificationResource(NotificationService notifications, AdminActor actor) {
    this.notifications = notifications;
    this.actor = actor;
  }

  @GET
  public Uni<Page<View>> list(
      @QueryParam("includeSnoozed") String includeSnoozed,
      @QueryParam("page") String page,
      @QueryParam("limit") String limit) {
    int size = Params.limit(limit);
    return notifications.list(
        Params.flag(includeSnoozed, "includeSnoozed"), Params.page(page, size), size);
  }

  /** Body {@code {"until":"2026-11-25T18:00:00Z"}} or {@code {"minutes":30}}. */
  @POST
  @Path("/{id}/snooze")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<View> snooze(@PathParam("id") String id, JsonNode body) {
    long notificationId = Params.id(id, "id");
    if (body == null || !body.isObject()) {
      throw Params.badRequest("body", "send a JSON object: {\"until\":\"…\"} or {\"minutes\":N}");
    }
    return notifications.snooze(
        notificationId, until(body.get("until")), minutes(body.get("minutes")), actor.name());
  }

  @POST
  @Path("/{id}/read")
  public Uni<View> read(@PathParam("id") String id) {
    return notifications.markRead(Params.id(id, "id"), actor.name());
  }

  private static Instant until(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw Params.badRequest(
          "until",
          "until must be an ISO-8601 time with a zone (e.g. 2026-11-25T18:00:00Z), got \""
              + node.asText()
              + "\"");
    }
  }

  private static Integer minutes(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw Params.badRequest("minutes", "minutes must be a whole number, got " + node);
    }
    return node.asInt();
  }
}
