package io.inbox.admin.media;

import io.inbox.admin.web.Params;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An inbound message's file (image, audio, video, document, sticker), fetched from Meta. */
@Path("/api/admin/messages")
@Tag(name = "Messages", description = "A message's file")
public class MediaResource {

  private final MediaDownloader downloader;
  private final Vertx vertx;

  public MediaResource(MediaDownloader downloader, Vertx vertx) {
    this.downloader = downloader;
    this.vertx = vertx;
  }

  @GET
  @Path("/{id}/media")
  @Produces(MediaType.WILDCARD)
  @Operation(
      summary = "Download a message's file",
      description =
          "Looks the message's media id up at the Cloud API with its conversation's channel token"
              + " (the default channel's WHATSAPP_TOKEN for a conversation without one), downloads"
              + " the file to a temporary file, checks its size (admin.media.max-bytes) and its"
              + " SHA-256 against the one the webhook stored, then sends it with its Content-Type"
              + " and a Content-Disposition naming the file. Meta keeps media about 30 days.")
  @APIResponse(
      responseCode = "200",
      description = "The file's bytes, exactly as Meta holds them",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(
      responseCode = "404",
      description =
          "No such message, a message without media, or media Meta no longer has (expired)")
  @APIResponse(
      responseCode = "413",
      description = "The file is larger than admin.media.max-bytes (by Meta's size or its bytes)")
  @APIResponse(
      responseCode = "502",
      description =
          "Meta failed or refused the lookup or the download, or the file's SHA-256 does not match"
              + " the stored one (nothing of it is served)")
  @APIResponse(
      responseCode = "503",
      description = "No token configured for the conversation's channel (its tokenRef is unset)")
  public Uni<Response> media(
      @Parameter(description = "The message's id (a positive integer)") @PathParam("id") String id,
      @Context RoutingContext routing) {
    long messageId = Params.id(id, "id");
    return downloader
        .fetch(messageId)
        .map(
            file -> {
              // Sent from disk without blocking; the temporary file goes once the answer is over.
              routing.addEndHandler(done -> vertx.fileSystem().deleteAndForget(file.path()));
              return Response.ok(java.nio.file.Path.of(file.path()))
                  .type(file.mimeType() == null ? "application/octet-stream" : file.mimeType())
                  .header("Content-Disposition", disposition(file.filename(), messageId))
                  .header("X-Content-Type-Options", "nosniff")
                  .build();
            })
        .onFailure(MediaFailure.class)
        .recoverWithItem(
            failure ->
                Response.status(((MediaFailure) failure).status)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", failure.getMessage()))
                    .build());
  }

  /** The customer's file name, quoted safely; {@code message-<id>} when it had none. */
  static String disposition(String filename, long messageId) {
    String name = filename == null || filename.isBlank() ? "message-" + messageId : filename;
    String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
