package io.inbox.admin.channel;

import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
 * A channel's message templates, as approved in Meta's WhatsApp manager: what an agent may send
 * outside the 24-hour window, and the one the runner re-engages with.
 */
@Path("/api/admin/channels/{id}/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class TemplateResource {

  private final Templates templates;
  private final AdminActor actor;

  public TemplateResource(Templates templates, AdminActor actor) {
    this.templates = templates;
    this.actor = actor;
  }

  @GET
  @Operation(summary = "List a channel's templates", description = "By name, then language.")
  @APIResponse(
      responseCode = "200",
      description = "The channel's templates",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateView.class)))
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such channel")
  public Uni<List<TemplateView>> list(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id")
          String id) {
    return templates.list(Params.id(id, "id"));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a template to a channel",
      description =
          "`name` and `language` as approved in Meta; `parameters` fill {{1}}, {{2}}… in order:"
              + " `contact.name`, `contact.phone` or a literal text; `reengagement` (at most one"
              + " per channel) is what the runner sends once the 24-hour window has closed.")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = TemplateView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "`id` not a positive integer; the body not a JSON object (`field` request); `name` not"
              + " a-z, 0-9 and _; `language` not a code like en_US; `parameters` not an array of"
              + " at most 20 texts (an unknown contact.* field, or blank); `reengagement` not a"
              + " boolean (`field` names it)")
  @APIResponse(responseCode = "404", description = "No such channel")
  @APIResponse(
      responseCode = "409",
      description =
          "The channel has a template of this name and language (`field` name), or a"
              + " reengagement template already (`field` reengagement)")
  @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
  public Uni<Response> create(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id") String id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = TemplateView.class),
                      examples =
                          @ExampleObject(
                              name = "template",
                              value =
                                  "{\"name\": \"order_update\", \"language\": \"en_US\","
                                      + " \"parameters\": [\"contact.name\", \"today\"],"
                                      + " \"reengagement\": false}")))
          String json) {
    long channelId = Params.id(id, "id");
    TemplateFields fields = TemplateFields.parse(json);
    return templates
        .create(channelId, fields, actor.name())
        .map(template -> Response.status(Response.Status.CREATED).entity(template).build());
  }

  @DELETE
  @Path("/{templateId}")
  @Operation(
      summary = "Delete a channel's template",
      description = "Sends already queued keep their template (their message holds it).")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "400", description = "`id` or `templateId` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such template on this channel")
  public Uni<Response> delete(
      @Parameter(description = "The channel's id (a positive integer)") @PathParam("id") String id,
      @Parameter(description = "The template's id (a positive integer)") @PathParam("templateId")
          String templateId) {
    return templates
        .delete(Params.id(id, "id"), Params.id(templateId, "templateId"), actor.name())
        .map(done -> Response.noContent().build());
  }
}
