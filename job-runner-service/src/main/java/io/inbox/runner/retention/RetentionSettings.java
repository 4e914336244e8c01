package io.inbox.runner.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long finished rows are kept before the runner deletes them ({@link Retention}). */
@ConfigMapping(prefix = "retention")
public interface RetentionSettings {

  /**
   * WEBHOOK_EVENT_RETENTION: stored webhook bodies (phone numbers, names, message texts) older than
   * this are deleted. Only replay reads them; the messages they carried stay in Message.
   */
  @WithDefault("30d")
  Duration webhookEvents();

  /**
   * RUNNER_JOB_RETENTION: DONE jobs whose last change is older than this are deleted. Never less
   * than {@link Retention#REDELIVERY_FLOOR}: see there.
   */
  @WithDefault("30d")
  Duration jobs();

  /**
   * RUNNER_LEDGER_RETENTION: closed ledger rows (SENT or FAILED, of a DONE job) whose last change
   * is older than this are deleted.
   */
  @WithDefault("30d")
  Duration ledger();

  /** Rows deleted per statement: short transactions, no long lock on a busy table. */
  @WithDefault("500")
  int batchSize();

  /** How often retention runs (a Quarkus {@code every} value; {@code off} disables it). */
  @WithDefault("1h")
  String interval();
}
