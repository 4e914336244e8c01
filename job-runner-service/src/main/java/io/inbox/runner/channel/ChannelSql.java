package io.inbox.runner.channel;

/**
 * Pausing a number's sends, and finding the paused ones (resuming is {@code ChannelResume}, shared
 * with admin-service); each statement is one round trip and idempotent.
 */
final class ChannelSql {

  private ChannelSql() {}

  /**
   * Pauses channel $1 with the reason $2, the fingerprint $3 of the refused token and Meta's code
   * $4 (what may resume it: see {@code ChannelProbe}). Only the first runner to see the refusal
   * pauses it and raises the one CHANNEL_PAUSED notification; the other jobs queued for the number
   * find it paused and wait, none of them FAILED.
   */
  static final String PAUSE =
      """
      WITH paused AS (
          UPDATE "Channel"
             SET "pausedAt" = (now() AT TIME ZONE 'UTC'), "pausedReason" = $2,
                 "pausedTokenFingerprint" = $3, "pausedCode" = $4,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
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
   * The paused channels, for the probe, with the claim's column names ({@link
   * SendingChannel#from}).
   */
  static final String PAUSED =
      """
      SELECT "id" AS "channelId", "name" AS "channelName", "phoneNumberId" AS "channelPhoneNumberId",
             "tokenRef", "isDefault" AS "channelIsDefault", true AS "channelPaused", "pausedReason",
             "pausedTokenFingerprint", "pausedCode"
        FROM "Channel"
       WHERE "pausedAt" IS NOT NULL
      """;
}
