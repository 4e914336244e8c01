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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Outbound jobs. */
@Path("/api/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "The outbound queue")
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
  @Operation(summary = "List outbound jobs", description = "With their attempts and last error.")
  @APIResponse(responseCode = "200", description = "A page of jobs")
  @APIResponse(
      responseCode = "400",
      description =
          "`status` not a job status, `page` not 0 or more, `limit` not 1 to 200 (`field` names"
              + " it)")
  public Uni<Page<View>> list(
      @Parameter(description = "QUEUED, RUNNING, DONE, FAILED or CANCELLED (any case)")
          @QueryParam("status")
          String status,
      @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
      @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit")
          String limit) {
    int size = Params.limit(limit);
    return jobs.list(Params.oneOf(status, STATUSES, "status"), Params.page(page, size), size);
  }

  @POST
  @Path("/{id}/retry")
  @Operation(
      summary = "Retry a failed job",
      description =
          "Back to QUEUED with its attempts reset, a send the provider refused reopened, and the"
              + " runner woken.")
  @APIResponse(responseCode = "200", description = "The job as it now stands")
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such job")
  @APIResponse(
      responseCode = "409",
      description =
          "The job is not FAILED: `{\"error\":\"Job <id> is DONE; only FAILED jobs can be"
              + " retried\"}`")
  public Uni<View> retry(
      @Parameter(description = "The job's id (a positive integer)") @PathParam("id") String id) {
    return jobs.retry(Params.id(id, "id"), actor.name());
  }
}
