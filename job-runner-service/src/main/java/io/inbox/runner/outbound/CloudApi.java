package io.inbox.runner.outbound;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * {@code POST {base}/{version}/{phoneNumberId}/messages}. Returns the raw response: errors are read
 * from Meta's JSON body, not from an exception.
 */
@RegisterRestClient(configKey = "whatsapp")
@Path("/{version}/{phoneNumberId}/messages")
public interface CloudApi {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Uni<Response> send(
      @PathParam("version") String version,
      @PathParam("phoneNumberId") String phoneNumberId,
      @HeaderParam("Authorization") String authorization,
      Map<String, Object> message);
}
