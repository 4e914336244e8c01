package io.inbox.runner.channel;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * {@code GET {base}/{version}/{phoneNumberId}?fields=id}: the cheapest Graph API call that proves a
 * token may act for a number. Same base URL and timeouts as the sends ({@code whatsapp}).
 */
@RegisterRestClient(configKey = "whatsapp")
@Path("/{version}/{phoneNumberId}")
public interface GraphProbeApi {

  @GET
  Uni<Response> number(
      @PathParam("version") String version,
      @PathParam("phoneNumberId") String phoneNumberId,
      @QueryParam("fields") String fields,
      @HeaderParam("Authorization") String authorization);
}
