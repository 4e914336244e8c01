package io.inbox.admin.events;

import io.inbox.domain.database.ListenTarget;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One LISTEN connection per admin instance on {@value InboxEventSql#CHANNEL}, feeding {@link
 * InboxEventHub}. Uses DIRECT_URL when set (transaction-mode poolers drop LISTEN). Connects and
 * reconnects for ever: a subscriber whose connection once worked reconnects every second by its own
 * policy; until the first connection works, a new subscriber is tried 1 s, 2 s, … up to 30 s apart
 * (one whose first connect failed never tries again). Nothing else may set a close handler on the
 * subscriber's connection: it would replace the one the subscriber reconnects with.
 */
@ApplicationScoped
public class InboxEventListener {

  private final Vertx vertx;
  private final InboxEventHub hub;
  private final Optional<String> directUrl;
  private final Optional<String> datasourceUrl;
  private final Optional<String> user;
  private final Optional<String> password;
  private volatile PgSubscriber subscriber;
  private volatile boolean stopped;

  public InboxEventListener(
      Vertx vertx,
      InboxEventHub hub,
      @ConfigProperty(name = "DIRECT_URL") Optional<String> directUrl,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> datasourceUrl,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.hub = hub;
    this.directUrl = directUrl;
    this.datasourceUrl = datasourceUrl;
    this.user = user;
    this.password = password;
  }

  void start(@Observes StartupEvent start) {
    if (directUrl.filter(s -> !s.isBlank()).isEmpty() && datasourceUrl.isEmpty()) {
      Log.warn("[EVENTS] no database configured: no live events");
      return;
    }
    connect(1);
  }

  private void connect(int attempt) {
    PgSubscriber candidate =
        PgSubscriber.subscriber(
                vertx, ListenTarget.options(directUrl, datasourceUrl, user, password))
            .reconnectPolicy(retries -> 1_000L);
    candidate
        .channel(InboxEventSql.CHANNEL)
        .subscribeHandler(
            () -> {
              Log.infof("👂 [EVENTS] LISTEN %s", InboxEventSql.CHANNEL);
              hub.listening();
            })
        .handler(this::notified);
    subscriber = candidate;
    candidate
        .connect()
        .subscribe()
        .with(
            ok -> {},
            failure -> {
              candidate.closeAndForget();
              long delay = Math.min(30_000L, 1_000L * attempt);
              Log.errorf(
                  "❌ [EVENTS] cannot LISTEN (%s); retrying in %ds",
                  failure.getMessage(), delay / 1000);
              if (!stopped) {
                vertx.setTimer(delay, id -> connect(attempt + 1));
              }
            });
  }

  private void notified(String payload) {
    try {
      hub.notified(Long.parseLong(payload));
    } catch (NumberFormatException e) {
      Log.warnf("[EVENTS] ignored a notification that is not an event id: %s", payload);
    }
  }

  void stop(@Observes ShutdownEvent stop) {
    stopped = true;
    if (subscriber != null) {
      subscriber.closeAndAwait();
    }
  }
}
