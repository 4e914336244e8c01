package io.inbox.runner.cron;

import io.inbox.domain.logging.LogFields;
import io.inbox.domain.logging.RequestIds;
import io.inbox.domain.mismatch.DbMismatchExceptionMapper;
import io.inbox.runner.health.SchemaGate;
import io.inbox.runner.processing.BatchRunner;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.MDC;

/** What the Kubernetes CronJob calls every minute, and the kick other services may send. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CronResource {

  private final CronAuth auth;
  private final BatchRunner runner;
  private final SchemaGate schema;

  public CronResource(CronAuth auth, BatchRunner runner, SchemaGate schema) {
    this.auth = auth;
    this.runner = runner;
    this.schema = schema;
  }

  @GET
  @Path("/cron/run-outbound-jobs")
  public Uni<Response> cronGet(
      @HeaderParam("X-Cron-Secret") String header,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("token") String token) {
    return trigger("cron", header, authorization, token);
  }

  @POST
  @Path("/cron/run-outbound-jobs")
  public Uni<Response> cronPost(
      @HeaderParam("X-Cron-Secret") String header,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("token") String token) {
    return trigger("cron", header, authorization, token);
  }

  @POST
  @Path("/jobs/run-outbound")
  public Uni<Response> kick(
      @HeaderParam("X-Cron-Secret") String header,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("token") String token) {
    return trigger("kick", header, authorization, token);
  }

  private Uni<Response> trigger(String kind, String header, String authorization, String token) {
    long started = System.nanoTime();
    String requestId = RequestIds.next(kind);
    MDC.put(LogFields.REQUEST_ID, requestId);
    Log.infof("[CRON] trigger start requestId=%s", requestId);
    var method = auth.authorize(header, authorization, token);
    if (method.isEmpty()) {
      Log.warnf("❌ [CRON] unauthorized requestId=%s", requestId);
      return Uni.createFrom()
          .item(
              Response.status(Response.Status.UNAUTHORIZED)
                  .entity(Map.of("ok", false, "error", "Unauthorized", "requestId", requestId))
                  .build());
    }
    Log.infof("✅ [CRON] authorized method=%s requestId=%s", method.get(), requestId);
    if (!schema.open()) {
      Log.warnf("⛔ [CRON] schema not ready: no jobs claimed requestId=%s", requestId);
      return Uni.createFrom()
          .item(
              Response.status(Response.Status.SERVICE_UNAVAILABLE)
                  .entity(
                      Map.of(
                          "ok",
                          false,
                          "error",
                          DbMismatchExceptionMapper.MESSAGE,
                          "requestId",
                          requestId))
                  .build());
    }
    Log.infof("[CRON] calling job runner requestId=%s authMethod=%s", requestId, method.get());
    return runner
        .runBatch()
        .map(
            result -> {
              String elapsed = (System.nanoTime() - started) / 1_000_000 + "ms";
              Log.infof(
                  "[CRON] job runner response requestId=%s statusCode=200 elapsed=%s",
                  requestId, elapsed);
              return Response.ok(
                      new CronResponse(
                          true,
                          "Job runner triggered",
                          new CronResponse.JobRunnerResult(
                              true, result.processed(), result.failed()),
                          requestId,
                          method.get(),
                          elapsed))
                  .build();
            });
  }
}
