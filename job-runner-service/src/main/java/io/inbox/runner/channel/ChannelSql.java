package io.inbox.runner.channel;

import io.inbox.domain.queue.OutboundQueue;

/** Pausing and resuming a number's sends; every statement is one round trip and idempotent. */
final class ChannelSql {

  private ChannelSql() {}

  /**
   * Pauses channel $1 with the reason $2 and the fingerprint $3 of the refused token. Only the
   * first runner to see the refusal pauses it and raises the one CHANNEL_PAUSED notification; the
   * other jobs queued for the number find it paused and wait, none of them FAILED.
   */
  static final String PAUSE =
      """
      WITH paused AS (
          UPDATE "Channel"
             SET "pausedAt" = (now() AT TIME ZONE 'UTC'), "pausedReason" = $2,
                 "pausedTokenFingerprint" = $3, "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1 AND "pausedAt" IS NULL
          RETURNING "name"
      ), alert AS (
          INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
          SELECT NULL, 'CHANNEL_PAUSED', 'Sends from ' || "name" || ' paused',
                 'Meta refused the number''s sends: ' || $2
                   || '. Replace its token (or mend the account); queued replies wait and go out then.',
                 (now() AT TIME ZONE 'UTC')
            FROM paused
      )
      SELECT count(*) AS "paused" FROM paused
      """;

  /**
   * Resumes channel $1 ($2: why) and makes its held jobs due now, waking the runners. The held jobs
   * are found from the queue (QUEUED is few rows, by index), not by walking the channel's
   * conversations. One CHANNEL_RESUMED notification, by whichever runner resumed it first.
   */
  static final String RESUME =
      """
      WITH resumed AS (
          UPDATE "Channel"
             SET "pausedAt" = NULL, "pausedReason" = NULL, "pausedTokenFingerprint" = NULL,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1 AND "pausedAt" IS NOT NULL
          RETURNING "id", "name", "isDefault"
      ), released AS (
          UPDATE "OutboundJob" j
             SET "runAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
            FROM "Conversation" c, resumed
           WHERE j."status" = 'QUEUED' AND c."id" = j."conversationId"
             AND (c."channelId" = resumed."id" OR (c."channelId" IS NULL AND resumed."isDefault"))
          RETURNING j."id"
      ), alert AS (
          INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
          SELECT NULL, 'CHANNEL_RESUMED', 'Sends from ' || "name" || ' resumed', $2,
                 (now() AT TIME ZONE 'UTC')
            FROM resumed
      )
      SELECT (SELECT count(*) FROM resumed) AS "resumed",
             (SELECT count(pg_notify('%s', "id"::text)) FROM released) AS "released"
      """
          .formatted(OutboundQueue.CHANNEL);

  /** The paused channels, for the probe. */
  static final String PAUSED =
      """
      SELECT "id", "name", "phoneNumberId", "tokenRef", "isDefault", "pausedReason",
             "pausedTokenFingerprint"
        FROM "Channel"
       WHERE "pausedAt" IS NOT NULL
      """;
}
