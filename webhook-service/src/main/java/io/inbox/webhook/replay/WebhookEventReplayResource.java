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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Processes stored webhook events again, one or a time range of them. Behind the admin token
 * ({@code AdminBearerFilter}); safe to repeat (see {@link WebhookEventReplayer}).
 */
@Path("/api/admin/webhook-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhook events", description = "Replay of stored webhook deliveries")
public class WebhookEventReplayResource {

  private final WebhookEventReplayer replayer;

  public WebhookEventReplayResource(WebhookEventReplayer replayer) {
    this.replayer = replayer;
  }

  @POST
  @Path("/{id}/replay")
  @Operation(
      summary = "Replay one stored webhook event",
      description =
          "Runs the event through the same per-item processing again. Safe to repeat: a message"
              + " already stored gets no second row and no second job.")
  @APIResponse(
      responseCode = "200",
      description =
          "`outcome` replayed (`error` lists what is still left out, if anything), unchanged (it"
              + " had been processed without error: nothing done) or failed (not a webhook,"
              + " unreadable, unsigned, or the database failed)")
  @APIResponse(responseCode = "400", description = "`id` not a positive integer (`field` id)")
  @APIResponse(responseCode = "404", description = "No such webhook event")
  public Uni<ReplayResult> replay(
      @Parameter(description = "The WebhookEvent's id (a positive integer)") @PathParam("id")
          String id) {
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
  @Operation(
      summary = "Replay the webhook events of a time range",
      description =
          "The events received in `[from, to)`, oldest first, each as the single replay does it.")
  @APIResponse(responseCode = "200", description = "Counts and each event's result")
  @APIResponse(
      responseCode = "400",
      description =
          "`from` or `to` missing or not an ISO-8601 instant, `to` not after `from`, `onlyFailed`"
              + " not true or false (`field` names it)")
  public Uni<BulkReplay> replayAll(
      @Parameter(
              description = "Received at or after (ISO-8601 instant, e.g. 2026-01-01T00:00:00Z)",
              required = true)
          @QueryParam("from")
          String from,
      @Parameter(description = "Received before (ISO-8601 instant)", required = true)
          @QueryParam("to")
          String to,
      @Parameter(description = "true (default): skip events processed without error")
          @QueryParam("onlyFailed")
          String onlyFailed) {
    Instant start = ReplayParams.instant(from, "from");
    Instant end = ReplayParams.instant(to, "to");
    if (!end.isAfter(start)) {
      throw ReplayParams.badRequest("to", "to must be after from");
    }
    return replayer.replayAll(start, end, ReplayParams.flag(onlyFailed, "onlyFailed", true));
  }
}
