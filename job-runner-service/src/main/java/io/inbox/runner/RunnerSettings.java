package io.inbox.runner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the runner takes jobs off the queue. */
@ConfigMapping(prefix = "runner")
public interface RunnerSettings {

  /** Jobs claimed per batch. */
  @WithDefault("20")
  int batchSize();

  /**
   * Jobs processed at once (sends to the provider overlap). A job holds its slot through the Cloud
   * API's answer (150–300 ms at Meta), so 32 lets one runner keep ≈ 100–200 sends a second in
   * flight, above one number's 80; 8 capped it at 27–53. Pacing in Postgres, not this bound, keeps
   * each number's rate.
   */
  @WithDefault("32")
  int concurrency();

  /**
   * A RUNNING job whose lease is older than this is rescued by another worker. Renewed every third
   * of it while the job runs; must exceed the provider timeout.
   */
  @WithDefault("30s")
  Duration lease();

  /**
   * A send whose answer was lost (UNKNOWN) waits this long for Meta's status webhook to confirm it
   * before the runner sends it again.
   */
  @WithDefault("10m")
  Duration reconcileTimeout();

  /**
   * Provider calls allowed for one reply while Meta confirms none of them (each waits {@link
   * #reconcileTimeout()} for a status): 2 means at most one resend. After that the job fails, the
   * ledger row stays UNKNOWN and a Notification asks a person to check.
   */
  @WithDefault("2")
  int maxUnconfirmedSends();

  /**
   * How long one job may take before this worker stops renewing its lease and frees its slot (the
   * job is then rescued like a dead worker's). Default: twice the provider read timeout plus 5 s.
   */
  Optional<Duration> jobTimeout();

  /** How long SIGTERM waits for in-flight jobs before releasing them to the queue. */
  @WithDefault("20s")
  Duration drainTimeout();

  /** This worker's name in OutboundJob.lockedBy; defaults to host name and pid. */
  Optional<String> workerId();

  /** CRON_SECRET: what the cron and kick endpoints demand. */
  Optional<String> cronSecret();

  /** The safety poll behind LISTEN/NOTIFY (a Quarkus {@code every} value; {@code off} disables). */
  @WithDefault("10s")
  String pollInterval();

  /** How long after start the first poll runs. */
  @WithDefault("5s")
  String pollDelay();

  /** How often the leases of in-flight jobs are renewed; well under {@link #lease()}. */
  @WithDefault("10s")
  String renewInterval();

  /** How often the queue-depth gauges are read from the database. */
  @WithDefault("15s")
  String gaugeInterval();

  /** How often the UNKNOWN ledger rows are counted (a scan of the ledger: less often). */
  @WithDefault("1m")
  String ledgerGaugeInterval();

  /**
   * How often the runner re-reads its readiness check; while it is DOWN (the schema lags) no job is
   * claimed.
   */
  @WithDefault("5s")
  String schemaCheckInterval();

  /**
   * How long a job of a paused channel waits before it is looked at again. Resuming the channel
   * releases its jobs at once; this only bounds the wait should a resume bypass the runner.
   */
  @WithDefault("5m")
  Duration channelHold();

  /**
   * How often paused channels are probed (token replaced? Meta accepts it again?). Read by {@code
   * ChannelProbe}'s schedule expression; declared here so the mapping knows the property.
   */
  @WithDefault("1m")
  String channelProbeInterval();

  /** Whether to LISTEN for the wake-up channel. */
  @WithDefault("true")
  boolean listen();
}
