package io.inbox.admin.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live event stream ({@code admin.inbox-events.*}, env {@code ADMIN_INBOX_EVENTS_*}). */
@ConfigMapping(prefix = "admin.inbox-events")
public interface InboxEventSettings {

  /** How long events are kept for clients that reconnect with Last-Event-ID. */
  @WithDefault("24h")
  Duration retention();

  /** How often old events are pruned. */
  @WithDefault("1m")
  Duration pruneEvery();

  /** Rows per prune statement. */
  @WithDefault("5000")
  int pruneBatch();

  /** The most events a reconnecting client is replayed; beyond it, it is told to reload. */
  @WithDefault("1000")
  int replayLimit();

  /** How often an idle stream gets a comment line, so proxies keep the connection open. */
  @WithDefault("15s")
  Duration keepAlive();

  /**
   * Events a slow client may lag behind before its stream is closed (it reconnects and replays).
   */
  @WithDefault("1000")
  int clientBuffer();
}
