package io.inbox.domain.mismatch;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Every service's last line of defence: a query that still hits a missing column or table answers
 * 500 with the runbook's message and logs {@code [DB-MISMATCH] …} instead of a bare stack trace.
 * Other unexpected failures answer a JSON 500 that leaks nothing; HTTP errors pass through.
 */
@Provider
public class DbMismatchExceptionMapper implements ExceptionMapper<Exception> {

  public static final String MESSAGE = "DB migrations not applied. Run: schema-guard migrate";

  @Override
  public Response toResponse(Exception exception) {
    if (exception instanceof WebApplicationException web) {
      return web.getResponse();
    }
    var missing = MissingSchemaObject.in(exception);
    if (missing.isPresent()) {
      Log.error(missing.get().logLine());
      return json(Map.of("error", MESSAGE));
    }
    Log.error("Unhandled failure", exception);
    return json(Map.of("error", "Internal server error"));
  }

  private static Response json(Map<String, String> body) {
    return Response.serverError().type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
