package io.inbox.admin.job;

import io.inbox.admin.job.JobService.View;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.domain.queue.JobStatus;
import io.inbox.domain.security.AdminActor;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Outbound jobs. */
@Path("/api/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

  private static final Set<String> STATUSES =
      Arrays.stream(JobStatus.values()).map(Enum::name).collect(Collectors.toSet());

  private final JobService jobs;
  private final AdminActor actor;

  public JobResource(JobService jobs, AdminActor actor) {
    this.jobs = jobs;
    this.actor = actor;
  }

  @GET
  public Uni<Page<View>> list(
      @QueryParam("status") String status,
      @QueryParam("page") String page,
      @QueryParam("limit") String limit) {
    int size = Params.limit(limit);
    return jobs.list(Params.oneOf(status, STATUSES, "status"), Params.page(page, size), size);
  }

  @POST
  @Path("/{id}/retry")
  public Uni<View> retry(@PathParam("id") String id) {
    return jobs.retry(Params.id(id, "id"), actor.name());
  }
}
