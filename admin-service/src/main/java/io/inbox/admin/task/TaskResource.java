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

/** Tasks for agents. */
@Path("/api/admin/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

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
  public Uni<Page<View>> list(
      @QueryParam("status") String status,
      @QueryParam("assignee") String assignee,
      @QueryParam("conversationId") String conversationId,
      @QueryParam("page") String page,
      @QueryParam("limit") String limit) {
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
  public Uni<View> assign(@PathParam("id") String id, JsonNode body) {
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
  public Uni<View> complete(@PathParam("id") String id) {
    return tasks.complete(Params.id(id, "id"), actor.name());
  }
}
