package io.inbox.runner.pacing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How sends are paced before the provider is called. The rate itself is per channel, in
 * Channel."messagesPerSecond" (80 by default, Meta's standard throughput per number).
 */
@ConfigMapping(prefix = "runner.pacing")
public interface PacingSettings {

  /**
   * Meta's pair limit: sends to the same customer at least this far apart (error 131056 when
   * closer). Zero disables it.
   */
  @WithDefault("6s")
  Duration pairInterval();

  /**
   * How much of the channel's rate may go out at once after a quiet moment (at least one message):
   * 50 ms at 80 msg/s is 4 messages.
   */
  @WithDefault("50ms")
  Duration burst();

  /**
   * The longest a send waits in the runner for its slot; a later slot gives the job back to the
   * queue, due when the slot would be free, instead of holding a worker.
   */
  @WithDefault("2s")
  Duration maxWait();
}
