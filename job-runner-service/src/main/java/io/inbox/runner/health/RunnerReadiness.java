package io.inbox.runner.health;

import io.inbox.domain.health.SchemaReadiness;
import io.inbox.runner.wakeup.NotificationListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the tables the runner reads and writes are as the contract says. The wake-up
 * listener's state is reported too, without deciding readiness: the poll and the CronJob still run
 * jobs when LISTEN cannot connect.
 */
@Readiness
@Singleton
public class RunnerReadiness extends SchemaReadiness {

  private final NotificationListener listener;

  public RunnerReadiness(Pool pool, NotificationListener listener) {
    super(
        pool,
        Set.of(
            "Contact",
            "Conversation",
            "Message",
            "OutboundJob",
            "OutboundMessageLog",
            "Task",
            "Notification"));
    this.listener = listener;
  }

  /** The schema check alone, for {@link SchemaGate}. */
  Uni<HealthCheckResponse> schemaCheck() {
    return super.call();
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return schemaCheck()
        .map(
            response -> {
              HealthCheckResponseBuilder builder =
                  HealthCheckResponse.builder()
                      .name(response.getName())
                      .status(response.getStatus() == HealthCheckResponse.Status.UP)
                      .withData("wakeUp", listener.state());
              response
                  .getData()
                  .ifPresent(
                      data -> data.forEach((k, v) -> builder.withData(k, String.valueOf(v))));
              return builder.build();
            });
  }
}
