package io.inbox.guard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.regex.Pattern;

/** How long migrate waits for locks, from {@code GUARD_LOCK_TIMEOUT} and friends. */
@ConfigMapping(prefix = "guard")
public interface LockSettings {

  /**
   * A Postgres duration without spaces or quotes, e.g. {@code 10s}, {@code 500ms}, {@code 2min}.
   */
  Pattern DURATION = Pattern.compile("\\d+(ms|s|min|h)?");

  /**
   * Postgres {@code lock_timeout} for the migrations' DDL: an ALTER waiting longer fails instead of
   * queueing every other query on the table behind it ({@code GUARD_LOCK_TIMEOUT}).
   */
  @WithDefault("10s")
  String lockTimeout();

  /**
   * How many times, one second apart, a guard tries to take Flyway's migration lock while another
   * guard migrates before giving up ({@code GUARD_MIGRATION_LOCK_RETRIES}).
   */
  @WithDefault("300")
  int migrationLockRetries();

  /** A sentence saying what to fix, when a setting cannot work. */
  default Optional<String> misconfiguration() {
    if (!DURATION.matcher(lockTimeout()).matches()) {
      return Optional.of(
          "GUARD_LOCK_TIMEOUT="
              + lockTimeout()
              + " is not a duration: use e.g. 10s, 500ms or 2min (Postgres lock_timeout units).");
    }
    if (migrationLockRetries() < 0) {
      return Optional.of("GUARD_MIGRATION_LOCK_RETRIES must be 0 or more.");
    }
    return Optional.empty();
  }
}
