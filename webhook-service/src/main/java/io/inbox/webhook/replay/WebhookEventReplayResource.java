package io.inbox.webhook.replay;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

/**
 * Processes stored webhook events again, one or a time range of them. Behind the admin token
 * ({@code AdminBearerFilter}); safe to repeat (see {@link WebhookEventReplayer}).
 */
@Path("/api/admin/webhook-events")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEventReplayResource {

  private final WebhookEventReplayer replayer;

  public WebhookEventReplayResource(WebhookEventReplayer replayer) {
    this.replayer = replayer;
  }

  @POST
  @Path("/{id}/replay")
  public Uni<ReplayResult> replay(@PathParam("id") String id) {
    return replayer
        .replay(ReplayParams.id(id))
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ReplayParams.answer(
                    Response.Status.NOT_FOUND, Map.of("error", "No webhook event " + id)));
  }

  /** {@code [from, to)} by receipt time; {@code onlyFailed} (default true) skips clean events. */
  @POST
  @Path("/replay")
  public Uni<BulkReplay> replayAll(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("onlyFailed") String onlyFailed) {
    Instant start = ReplayParams.instant(from, "from");
    Instant end = ReplayParams.instant(to, "to");
    if (!end.isAfter(start)) {
      throw ReplayParams.badRequest("to", "to must be after from");
    }
    return replayer.replayAll(start, end, ReplayParams.flag(onlyFailed, "onlyFailed", true));
  }
}
