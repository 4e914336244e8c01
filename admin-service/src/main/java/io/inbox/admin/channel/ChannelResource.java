package io.inbox.admin.channel;

import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The business numbers the inbox answers on. The webhook routes each message to the channel of the
 * number it was sent to; the runner sends with the channel's token, found by its reference.
 */
@Path("/api/admin/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels", description = "WhatsApp business numbers and their templates")
public class ChannelResource {

  private static final String FIELDS_400 =
      "The body not a JSON object (`field` request); an unknown field (a token is never sent);"
          + " `name` not 1 to 100 printable characters; `phoneNumberId` or `wabaId` not digits;"
          + " `tokenRef` not a variable name (A-Z, 0-9, _; at most 64) or shaped like a token;"
          + " `active` not a boolean; `messagesPerSecond` not 1 to 1000 (`field` names it)";

  private static final String EXAMPLE =
      "{\"name\": \"sales\", \"phoneNumberId\": \"106540352242922\", \"displayNumber\": \"+1 555"
          + " 010 0001\", \"wabaId\": \"102290129340398\", \"tokenRef\": \"WHATSAPP_TOKEN_SALES\"}";

  private final Channels channels;
  private final ChannelHealth health;
  private final AdminActor actor;

  public ChannelResource(Channels channels, ChannelHealth health, AdminActor actor) {
    this.channels = channels;
    this.health = health;
    this.actor = actor;
  }

  @GET
  @Operation(summary = "List channels", description = "The default channel first.")
  @APIResponse(
      responseCode = "200",
      description = "Every channel",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = ChannelView.class)))
  public Uni<List<ChannelView>> list() {
    return channels.list();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Read a channel")
  @APIResponse(
      responseCode = "200",
      description = "The channel",
      content = @Content(schema = @Schema(implementation = ChannelView.class)))
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such channel")
  public Uni<ChannelView> get(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id")
          String id) {
    return channels.get(Params.id(id, "id"));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a channel",
      description =
          "A business number: `name`, `phoneNumberId` and `tokenRef` (the environment variable or"
              + " Secret key holding its token, e.g. WHATSAPP_TOKEN_SALES) are required;"
              + " `displayNumber`, `wabaId`, `active` (default true) and `messagesPerSecond`"
              + " (default 80) are optional. The answer's `tokenConfigured` says whether the token"
              + " is there.")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = ChannelView.class)))
  @APIResponse(responseCode = "400", description = FIELDS_400 + "; a required field missing")
  @APIResponse(
      responseCode = "409",
      description = "Another channel has this `name` or `phoneNumberId` (`field` names it)")
  @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
  public Uni<Response> create(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ChannelView.class),
                      examples = @ExampleObject(name = "channel", value = EXAMPLE)))
          String json) {
    ChannelFields fields = ChannelFields.parse(json);
    return channels
        .create(fields, actor.name())
        .map(channel -> Response.status(Response.Status.CREATED).entity(channel).build());
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a channel",
      description =
          "Changes the fields the body names (null clears `displayNumber` or `wabaId`);"
              + " `active: false` stops routing the number (its messages are then stored, not"
              + " answered).")
  @APIResponse(
      responseCode = "200",
      description = "The channel as it now stands",
      content = @Content(schema = @Schema(implementation = ChannelView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "`id` not a positive integer; "
              + FIELDS_400
              + "; `phoneNumberId` null on a channel other than the default")
  @APIResponse(responseCode = "404", description = "No such channel")
  @APIResponse(
      responseCode = "409",
      description = "Another channel has this `name` or `phoneNumberId` (`field` names it)")
  @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
  public Uni<ChannelView> update(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id") String id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      examples =
                          @ExampleObject(
                              name = "rotate",
                              value = "{\"tokenRef\": \"WHATSAPP_TOKEN_SALES_2\"}")))
          String json) {
    long channelId = Params.id(id, "id");
    return channels.update(channelId, ChannelFields.parse(json), actor.name());
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Delete a channel",
      description =
          "Only a channel no conversation uses (its templates go with it); deactivate one in use.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such channel")
  @APIResponse(
      responseCode = "409",
      description = "`{\"error\":\"" + Channels.IN_USE + "\"}`; or it is the default channel")
  public Uni<Response> delete(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id")
          String id) {
    return channels
        .delete(Params.id(id, "id"), actor.name())
        .map(done -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/resume")
  @Operation(
      summary = "Resume a paused channel",
      description =
          "Sends from a number Meta refused wait (`pausedAt`, `pausedReason`). A replaced token"
              + " resumes it by itself; a locked account or a blocked number, once mended in"
              + " Business Manager, is resumed here: its waiting replies are due at once, and a"
              + " CHANNEL_RESUMED notification says who resumed it. A channel that is not paused"
              + " is answered unchanged.")
  @APIResponse(
      responseCode = "200",
      description = "The channel, no longer paused",
      content = @Content(schema = @Schema(implementation = ChannelView.class)))
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such channel")
  public Uni<ChannelView> resume(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id")
          String id) {
    return channels.resume(Params.id(id, "id"), actor.name());
  }

  @GET
  @Path("/{id}/health")
  @Operation(
      summary = "A channel's standing with Meta",
      description =
          "Asks the Graph API, with the channel's token, for the number's quality rating,"
              + " messaging limit tier, status and name status; beside it whether our sends to it"
              + " are paused (and why).")
  @APIResponse(
      responseCode = "200",
      description = "The number as Meta sees it",
      content = @Content(schema = @Schema(implementation = ChannelHealthView.class)))
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such channel")
  @APIResponse(
      responseCode = "409",
      description =
          "`{\"error\":\"token not configured: <tokenRef>\"}`, or no phone number id to ask"
              + " about")
  @APIResponse(
      responseCode = "502",
      description =
          "Meta refused (`{\"error\":\"Graph API: <Meta's message>\"}`) or was unreachable")
  public Uni<ChannelHealthView> health(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id")
          String id) {
    return health.check(Params.id(id, "id"));
  }
}
