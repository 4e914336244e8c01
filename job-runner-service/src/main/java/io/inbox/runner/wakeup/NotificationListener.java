package io.inbox.runner.wakeup;

import io.inbox.domain.database.DatabaseUrl;
import io.inbox.domain.queue.OutboundQueue;
import io.inbox.runner.RunnerSettings;
import io.inbox.runner.processing.BatchRunner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * LISTENs on the channel webhook-service and admin-service NOTIFY, so a reply starts within
 * milliseconds of the webhook instead of at the next cron tick. Uses DIRECT_URL when set: poolers
 * in transaction mode drop LISTEN. Reconnects for ever; the poll and the cron cover the gap.
 */
@ApplicationScoped
public class NotificationListener {

  private final Vertx vertx;
  private final BatchRunner runner;
  private final Optional<String> directUrl;
  private final Optional<String> datasourceUrl;
  private final Optional<String> user;
  private final Optional<String> password;
  private final boolean enabled;
  private PgSubscriber subscriber;

  public NotificationListener(
      Vertx vertx,
      BatchRunner runner,
      @ConfigProperty(name = "DIRECT_URL") Optional<String> directUrl,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> datasourceUrl,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
      RunnerSettings settings) {
    this.vertx = vertx;
    this.runner = runner;
    this.directUrl = directUrl.filter(s -> !s.isBlank());
    this.datasourceUrl = datasourceUrl;
    this.user = user;
    this.password = password;
    this.enabled = settings.listen();
  }

  void start(@Observes StartupEvent start) {
    if (!enabled || (directUrl.isEmpty() && datasourceUrl.isEmpty())) {
      Log.warn("[WAKE-UP] LISTEN disabled: jobs start at the next poll or cron call");
      return;
    }
    subscriber = PgSubscriber.subscriber(vertx, options()).reconnectPolicy(retries -> 1_000L);
    subscriber
        .channel(OutboundQueue.CHANNEL)
        .subscribeHandler(
            () -> {
              Log.infof("👂 [WAKE-UP] LISTEN %s", OutboundQueue.CHANNEL);
              runner.runSoon(); // catch up on what was enqueued while not listening
            })
        .handler(jobId -> runner.runSoon());
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> {},
            failure ->
                Log.errorf("❌ [WAKE-UP] cannot LISTEN (%s); retrying", failure.getMessage()));
  }

  void stop(@Observes ShutdownEvent stop) {
    if (subscriber != null) {
      subscriber.closeAndAwait();
    }
  }

  private PgConnectOptions options() {
    if (directUrl.isPresent()) {
      DatabaseUrl url = DatabaseUrl.parse(directUrl.get());
      PgConnectOptions options =
          new PgConnectOptions()
              .setHost(url.host())
              .setPort(url.port())
              .setDatabase(url.database());
      url.userName().ifPresent(options::setUser);
      url.passwordValue().ifPresent(options::setPassword);
      url.sslModeValue()
          .ifPresent(
              mode -> options.setSslMode(SslMode.of(mode)).setTrustAll(!mode.startsWith("verify")));
      return options;
    }
    PgConnectOptions options = PgConnectOptions.fromUri(datasourceUrl.get());
    user.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    return options;
  }
}
