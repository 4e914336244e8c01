package io.inbox.runner.wakeup;

import io.inbox.domain.database.ListenTarget;
import io.inbox.domain.queue.OutboundQueue;
import io.inbox.runner.RunnerSettings;
import io.inbox.runner.processing.BatchRunner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * LISTENs on the channel webhook-service and admin-service NOTIFY, so a reply starts within
 * milliseconds of the webhook instead of at the next cron tick. Uses DIRECT_URL when set: poolers
 * in transaction mode drop LISTEN. Connects and reconnects for ever, also when the database is
 * unreachable at start (the client's reconnect policy only covers a connection that once worked);
 * the poll and the cron cover the gap, so readiness stays UP and only reports the state.
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
  private volatile PgSubscriber subscriber;
  private final AtomicBoolean listening = new AtomicBoolean();
  private volatile String state = "not started";
  private volatile boolean stopped;

  public NotificationListener(
      Vertx vertx,
      BatchRunner runner,
      @ConfigProperty(name = "DIRECT_URL") Optional<String> directUrl,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> datasourceUrl,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
      RunnerSettings settings,
      MeterRegistry metrics) {
    Gauge.builder("runner.listen.connected", this, listener -> listener.connected() ? 1 : 0)
        .description("1 while the runner LISTENs for wake-ups, 0 while it relies on the poll")
        .register(metrics);
    this.vertx = vertx;
    this.runner = runner;
    this.directUrl = directUrl.filter(s -> !s.isBlank());
    this.datasourceUrl = datasourceUrl;
    this.user = user;
    this.password = password;
    this.enabled = settings.listen();
  }

  /** For readiness data: "listening", or why not. */
  public String state() {
    return listening.get() && !connected() ? "connection lost; reconnecting" : state;
  }

  /**
   * Whether the LISTEN connection is up now. Asked of the subscriber rather than learned from the
   * connection's close handler: setting that handler would replace the one the subscriber
   * reconnects with.
   */
  private boolean connected() {
    PgSubscriber current = subscriber;
    return listening.get()
        && current != null
        && !current.closed()
        && current.getDelegate().actualConnection() != null;
  }

  void start(@Observes StartupEvent start) {
    if (!enabled || (directUrl.isEmpty() && datasourceUrl.isEmpty())) {
      state = "disabled";
      Log.warn("[WAKE-UP] LISTEN disabled: jobs start at the next poll or cron call");
      return;
    }
    connect(1);
  }

  /**
   * Tries again 1 s, 2 s, … up to 30 s apart until the first connection works, each time with a new
   * subscriber: one whose first connect failed never tries again.
   */
  private void connect(int attempt) {
    PgSubscriber candidate =
        PgSubscriber.subscriber(vertx, options()).reconnectPolicy(retries -> 1_000L);
    candidate
        .channel(OutboundQueue.CHANNEL)
        .subscribeHandler(
            () -> {
              listening.set(true);
              state = "listening";
              Log.infof("👂 [WAKE-UP] LISTEN %s", OutboundQueue.CHANNEL);
              runner.runSoon(); // catch up on what was enqueued while not listening
            })
        .handler(jobId -> runner.runSoon());
    subscriber = candidate;
    candidate
        .connect()
        .subscribe()
        .with(
            ok -> {},
            failure -> {
              listening.set(false);
              candidate.closeAndForget();
              long delay = Math.min(30_000L, 1_000L * attempt);
              state = "cannot LISTEN (" + failure.getMessage() + "); retrying";
              Log.errorf(
                  "❌ [WAKE-UP] cannot LISTEN (%s); retrying in %ds",
                  failure.getMessage(), delay / 1000);
              if (!stopped) {
                vertx.setTimer(delay, id -> connect(attempt + 1));
              }
            });
  }

  void stop(@Observes ShutdownEvent stop) {
    stopped = true;
    if (subscriber != null) {
      subscriber.closeAndAwait();
    }
  }

  private PgConnectOptions options() {
    return ListenTarget.options(directUrl, datasourceUrl, user, password);
  }
}
