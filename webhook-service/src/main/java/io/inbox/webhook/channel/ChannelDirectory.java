package io.inbox.webhook.channel;

import io.inbox.webhook.whatsapp.WebhookSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The channel map every webhook body is routed with, read from the database at most once per {@code
 * webhook.channel-refresh}: a channel the admin API adds or deactivates takes effect within that
 * time, and a busy webhook costs the database one small query per interval, not one per item. While
 * a refresh runs, other bodies use the previous map instead of queueing behind it. The refresh runs
 * on the caller's connection, inside its transaction: transactions that each needed a second
 * connection could all wait on a pool they hold between them.
 */
@ApplicationScoped
public class ChannelDirectory {

  private record Loaded(ChannelRouting routing, long atNanos) {}

  private final WebhookSettings settings;
  private final AtomicReference<Loaded> loaded = new AtomicReference<>();
  private final AtomicBoolean refreshing = new AtomicBoolean();

  public ChannelDirectory(WebhookSettings settings) {
    this.settings = settings;
  }

  /** {@code client}: where a refresh reads the channels, the caller's transaction. */
  public Uni<ChannelRouting> routing(SqlClient client) {
    Loaded current = loaded.get();
    if (current != null && !stale(current)) {
      return Uni.createFrom().item(current.routing());
    }
    if (current != null && !refreshing.compareAndSet(false, true)) {
      return Uni.createFrom().item(current.routing());
    }
    return load(client)
        .invoke(routing -> loaded.set(new Loaded(routing, System.nanoTime())))
        .eventually(() -> refreshing.set(false));
  }

  private boolean stale(Loaded current) {
    return System.nanoTime() - current.atNanos() >= settings.channelRefresh().toNanos();
  }

  private Uni<ChannelRouting> load(SqlClient client) {
    return client
        .preparedQuery(ChannelSql.ACTIVE_CHANNELS)
        .execute()
        .map(
            rows -> {
              Map<String, Long> byNumber = new HashMap<>();
              Long defaultChannel = null;
              for (Row row : rows) {
                if (row.getString("phoneNumberId") != null) {
                  byNumber.put(row.getString("phoneNumberId"), row.getLong("id"));
                }
                if (row.getBoolean("isDefault")) {
                  defaultChannel = row.getLong("id");
                }
              }
              return new ChannelRouting(
                  Map.copyOf(byNumber), defaultChannel, settings.phoneNumberId());
            });
  }
}
