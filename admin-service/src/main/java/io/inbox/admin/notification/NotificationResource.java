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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Notifications for operators. */
@Path("/api/admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "What operators must look at")
public class NotificationResource {

  static final String ID = "The notification's id (a positive integer)";

  private final NotificationService notifications;
  private final AdminActor actor;

  public NotificationResource(NotificationService notifications, AdminActor actor) {
    this.notifications = notifications;
    this.actor = actor;
  }

  @GET
  @Operation(
      summary = "List notifications",
      description = "Unread first, then newest; snoozed ones hidden until their time comes.")
  @APIResponse(responseCode = "200", description = "A page of notifications")
  @APIResponse(
      responseCode = "400",
      description =
          "`includeSnoozed` not true or false, `page` not 0 or more, `limit` not 1 to 200 (`field`"
              + " names it)")
  public Uni<Page<View>> list(
      @Parameter(description = "true: snoozed ones too (default false)")
          @QueryParam("includeSnoozed")
          String includeSnoozed,
      @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
      @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit")
          String limit) {
    int size = Params.limit(limit);
    return notifications.list(
        Params.flag(includeSnoozed, "includeSnoozed"), Params.page(page, size), size);
  }

  /** Body {@code {"until":"2026-11-25T18:00:00Z"}} or {@code {"minutes":30}}. */
  @POST
  @Path("/{id}/snooze")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Snooze a notification",
      description = "Hidden from the list until `until`, or for `minutes`; exactly one of them.")
  @APIResponse(responseCode = "200", description = "The notification as it now stands")
  @APIResponse(
      responseCode = "400",
      description =
          "`id` not a positive integer; the body not JSON or not an object; neither or both of"
              + " `until` and `minutes`; `until` not an ISO-8601 time with a zone, or not in the"
              + " future; `minutes` not a positive whole number (`field` names it)")
  @APIResponse(responseCode = "404", description = "No such notification")
  @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
  public Uni<View> snooze(
      @Parameter(description = ID) @PathParam("id") String id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(type = SchemaType.OBJECT),
                      examples = {
                        @ExampleObject(
                            name = "until",
                            value = "{\"until\": \"2026-11-25T18:00:00Z\"}"),
                        @ExampleObject(name = "minutes", value = "{\"minutes\": 30}")
                      }))
          JsonNode body) {
    long notificationId = Params.id(id, "id");
    if (body == null || !body.isObject()) {
      throw Params.badRequest("body", "send a JSON object: {\"until\":\"…\"} or {\"minutes\":N}");
    }
    return notifications.snooze(
        notificationId, until(body.get("until")), minutes(body.get("minutes")), actor.name());
  }

  @POST
  @Path("/{id}/read")
  @Operation(
      summary = "Mark a notification read",
      description = "Idempotent: keeps the first time.")
  @APIResponse(responseCode = "200", description = "The notification as it now stands")
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such notification")
  public Uni<View> read(@Parameter(description = ID) @PathParam("id") String id) {
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
