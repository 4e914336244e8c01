package io.inbox.admin.ui.events;

import io.inbox.admin.events.InboxEventResource;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * The API's live events for a signed-in page: the same stream as {@code GET /api/admin/events},
 * behind the session instead of the bearer token (a browser's EventSource cannot send one).
 */
@Path("/inbox/events")
public class UiEvents {

  private final InboxEventResource events;

  public UiEvents(InboxEventResource events) {
    this.events = events;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> events(
      @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
    return events.events(lastEventId, null, sse);
  }
}
