package io.inbox.admin.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.inbox.admin.task.TaskService.View;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tasks for agents. */
@Path("/api/admin/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "Work for agents; the runner opens one at each handover")
public class TaskResource {

  static final String ID = "The task's id (a positive integer)";

  private static final Set<String> STATUSES = Set.of("OPEN", "DONE");

  /** As long as an {@code X-Admin-User} name may be. */
  static final int MAX_ASSIGNEE = 100;

  private final TaskService tasks;
  private final AdminActor actor;

  public TaskResource(TaskService tasks, AdminActor actor) {
    this.tasks = tasks;
    this.actor = actor;
  }

  @GET
  @Operation(
      summary = "List tasks",
      description = "Oldest first: the one waiting longest is on top.")
  @APIResponse(responseCode = "200", description = "A page of tasks")
  @APIResponse(
      responseCode = "400",
      description =
          "`field` names it: `status` not OPEN or DONE, `assignee` longer than 100 characters or"
              + " holding control characters, `conversationId` not a positive integer, `page` not 0"
              + " or more, `limit` not 1 to 200")
  public Uni<Page<View>> list(
      @Parameter(description = "OPEN or DONE (any case)") @QueryParam("status") String status,
      @Parameter(description = "Only this agent's (exact name)") @QueryParam("assignee")
          String assignee,
      @Parameter(description = "Only this conversation's") @QueryParam("conversationId")
          String conversationId,
      @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
      @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit")
          String limit) {
    int size = Params.limit(limit);
    return tasks.list(
        Params.oneOf(status, STATUSES, "status"),
        assignee == null || assignee.isBlank()
            ? null
            : Params.name(assignee, "assignee", MAX_ASSIGNEE),
        conversationId == null || conversationId.isBlank()
            ? null
            : Params.id(conversationId, "conversationId"),
        Params.page(page, size),
        size);
  }

  /** Body {@code {"assignee":"Ada Agent"}}. */
  @POST
  @Path("/{id}/assign")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Assign a task", description = "To the named agent. Idempotent.")
  @APIResponse(responseCode = "200", description = "The task as it now stands")
  @APIResponse(
      responseCode = "400",
      description =
          "`id` not a positive integer; the body not JSON, or not an object with a text"
              + " `assignee`; `assignee` blank, longer than 100 characters or holding control"
              + " characters (`field` names it)")
  @APIResponse(responseCode = "404", description = "No such task")
  @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
  public Uni<View> assign(
      @Parameter(description = ID) @PathParam("id") String id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "assignee"),
                      examples =
                          @ExampleObject(name = "assign", value = "{\"assignee\": \"Ada Agent\"}")))
          JsonNode body) {
    long taskId = Params.id(id, "id");
    JsonNode assignee = body == null || !body.isObject() ? null : body.get("assignee");
    if (assignee == null || !assignee.isTextual()) {
      throw Params.badRequest("assignee", "send a JSON object: {\"assignee\":\"<name>\"}");
    }
    return tasks.assign(
        taskId, Params.name(assignee.asText(), "assignee", MAX_ASSIGNEE), actor.name());
  }

  @POST
  @Path("/{id}/complete")
  @Operation(
      summary = "Complete a task",
      description = "DONE, by `X-Admin-User`, now; a second call keeps the first completion.")
  @APIResponse(responseCode = "200", description = "The task as it now stands")
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such task")
  public Uni<View> complete(@Parameter(description = ID) @PathParam("id") String id) {
    return tasks.complete(Params.id(id, "id"), actor.name());
  }
}
