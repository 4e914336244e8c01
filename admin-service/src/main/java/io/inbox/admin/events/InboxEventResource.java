package io.inbox.admin.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.web.Params;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Live updates for the inbox UI as Server-Sent Events: {@code id} is the InboxEvent id, {@code
 * event} its type ({@code Message.insert}, {@code Conversation.update}, …), {@code data} the JSON
 * {@code {id, type, conversationId, entityId, createdAt}}. A client that reconnects with {@code
 * Last-Event-ID} (browsers send it by themselves; or {@code ?lastEventId=}) first gets the events
 * it missed, up to {@code admin.inbox-events.replay-limit}; when it missed more it gets one {@code
 * resync} event instead and should reload what it shows. The log keeps events for {@code
 * admin.inbox-events.retention} (24 h): a client away longer should reload too. A comment line
 * {@code : live} marks the end of the replay; {@code : keep-alive} comes every {@code
 * admin.inbox-events.keep-alive} so proxies keep the connection.
 */
@Path("/api/admin/events")
@Tag(name = "Events", description = "Live inbox updates (Server-Sent Events)")
public class InboxEventResource {

  private final InboxEventHub hub;
  private final InboxEventStore store;
  private final InboxEventSettings settings;
  private final ObjectMapper json;
  private final EventClients clients;

  public InboxEventResource(
      InboxEventHub hub,
      InboxEventStore store,
      InboxEventSettings settings,
      ObjectMapper json,
      EventClients clients) {
    this.clients = clients;
    this.hub = hub;
    this.store = store;
    this.settings = settings;
    this.json = json;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live inbox events (SSE)",
      description =
          "An open `text/event-stream`: `id` the event id, `event` its type (`Message.insert`,"
              + " `Conversation.update`, …), `data` `{id, type, conversationId, entityId,"
              + " createdAt}`. With `Last-Event-ID` (or `lastEventId`) the missed events come first"
              + " (up to `admin.inbox-events.replay-limit`, else one `resync` event: reload), then"
              + " the comment `: live`; `: keep-alive` every `admin.inbox-events.keep-alive`.")
  @APIResponse(
      responseCode = "200",
      description = "The event stream; it stays open",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(implementation = InboxEvent.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "`Last-Event-ID` or `lastEventId` is not an event id (an integer, 0 or more); `field`"
              + " names it")
  public Multi<OutboundSseEvent> events(
      @Parameter(
              description =
                  "The last event id the client has: it gets only later events (browsers send it"
                      + " by themselves when they reconnect); wins over `lastEventId`")
          @HeaderParam("Last-Event-ID")
          String lastEventIdHeader,
      @Parameter(description = "The same as `Last-Event-ID`, for clients that cannot set headers")
          @QueryParam("lastEventId")
          String lastEventIdQuery,
      @Context Sse sse) {
    Long after =
        lastEventIdHeader != null
            ? eventId(lastEventIdHeader, "Last-Event-ID")
            : eventId(lastEventIdQuery, "lastEventId");
    Uni<List<Signal>> replay =
        after == null
            ? Uni.createFrom().item(List.of())
            : store.replay(after, settings.replayLimit());
    return clients.counted(
        ClientStream.of(hub.signals(), after, replay, settings.clientBuffer())
            .map(signal -> sse(sse, signal)));
  }

  private static Long eventId(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(raw.strip());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Params.badRequest(field, field + " must be an event id (0 or more), got \"" + raw + "\"");
  }

  private OutboundSseEvent sse(Sse sse, Signal signal) {
    if (signal instanceof Signal.Event event) {
      return sse.newEventBuilder()
          .id(Long.toString(event.event().id()))
          .name(event.event().type())
          .data(String.class, json(event.event()))
          .build();
    }
    if (signal instanceof Signal.Resync resync) {
      return sse.newEventBuilder()
          .id(Long.toString(resync.upTo()))
          .name("resync")
          .data(
              String.class,
              json(
                  Map.of(
                      "upTo",
                      resync.upTo(),
                      "reason",
                      "more events were missed than are replayed: reload")))
          .build();
    }
    return sse.newEventBuilder()
        .comment(signal instanceof Signal.Live ? "live" : "keep-alive")
        .build();
  }

  private String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
