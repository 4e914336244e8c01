package io.inbox.admin.channel;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * {@code GET {base}/{version}/{phoneNumberId}?fields=…}: a business number as Meta sees it. Returns
 * the raw response (non-blocking): an error is read from Meta's JSON body, not from an exception.
 */
@RegisterRestClient(configKey = "graph")
@Path("/{version}/{phoneNumberId}")
public interface GraphApi {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  Uni<Response> phoneNumber(
      @PathParam("version") String version,
      @PathParam("phoneNumberId") String phoneNumberId,
      @QueryParam("fields") String fields,
      @HeaderParam("Authorization") String authorization);
}
