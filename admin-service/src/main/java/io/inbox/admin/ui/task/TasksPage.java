package io.inbox.admin.ui.task;

import io.inbox.admin.task.TaskService;
import io.inbox.admin.ui.web.UiErrors;
import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Open tasks, the longest waiting first: assign to me, complete. */
@Path("/inbox/tasks")
@Produces(MediaType.TEXT_HTML)
public class TasksPage {

  static final int PAGE_SIZE = 50;
  private static final URI SELF = URI.create("/inbox/tasks");

  private final Template tasks;
  private final TaskService service;
  private final AdminActor actor;
  private final UiErrors errors;

  public TasksPage(
      @Location("ui/tasks.html") Template tasks,
      TaskService service,
      AdminActor actor,
      UiErrors errors) {
    this.tasks = tasks;
    this.service = service;
    this.actor = actor;
    this.errors = errors;
  }

  @GET
  public Uni<Response> list() {
    return errors.show(
        () -> service.list("OPEN", null, null, 0, PAGE_SIZE).map(page -> tasks.data("page", page)));
  }

  @POST
  @Path("/{id}/assign")
  public Uni<Response> assignToMe(@PathParam("id") String id) {
    return errors.guard(
        () -> service.assign(Params.id(id, "id"), actor.name(), actor.name()).map(t -> back()));
  }

  @POST
  @Path("/{id}/complete")
  public Uni<Response> complete(@PathParam("id") String id) {
    return errors.guard(() -> service.complete(Params.id(id, "id"), actor.name()).map(t -> back()));
  }

  private static Response back() {
    return Response.seeOther(SELF).build();
  }
}
