package io.inbox.admin.ui.operations;

import io.inbox.admin.channel.Channels;
import io.inbox.admin.job.JobService;
import io.inbox.admin.operations.SchemaResource;
import io.inbox.admin.ui.web.UiErrors;
import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;

/**
 * What an operator checks: the schema report (the guard's contract, as {@code GET
 * /api/admin/schema} answers it), the queue, the business numbers (a paused one says why) and the
 * failed jobs with retry.
 */
@Path("/inbox/operations")
@Produces(MediaType.TEXT_HTML)
public class OperationsPage {

  static final int FAILED_PAGE = 50;
  private static final URI SELF = URI.create("/inbox/operations");

  private final Template operations;
  private final SchemaResource schema;
  private final JobService jobs;
  private final Channels channels;
  private final AdminActor actor;
  private final UiErrors errors;
  private final Clock clock;

  public OperationsPage(
      @Location("ui/operations.html") Template operations,
      SchemaResource schema,
      JobService jobs,
      Channels channels,
      AdminActor actor,
      UiErrors errors,
      Clock clock) {
    this.operations = operations;
    this.schema = schema;
    this.jobs = jobs;
    this.channels = channels;
    this.actor = actor;
    this.errors = errors;
    this.clock = clock;
  }

  @GET
  public Uni<Response> show() {
    return errors.show(this::page);
  }

  private Uni<TemplateInstance> page() {
    return Uni.combine()
        .all()
        .unis(
            schema.status(),
            jobs.list("FAILED", 0, FAILED_PAGE),
            jobs.list("QUEUED", 0, QueueView.SAMPLE),
            channels.list())
        .with(
            (report, failed, queued, numbers) ->
                operations
                    .data("schema", report)
                    .data("failed", failed)
                    .data("queue", QueueView.of(queued, clock.instant()))
                    .data("channels", numbers));
  }

  @POST
  @Path("/jobs/{id}/retry")
  public Uni<Response> retry(@PathParam("id") String id) {
    return errors.guard(
        () ->
            jobs.retry(Params.id(id, "id"), actor.name())
                .map(job -> Response.seeOther(SELF).build()));
  }
}
