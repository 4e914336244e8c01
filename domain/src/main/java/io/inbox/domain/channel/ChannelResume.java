package io.inbox.domain.channel;

import io.inbox.domain.queue.OutboundQueue;

/**
 * Resuming a paused channel, one statement shared by the runners (a replaced token, a probe Meta
 * accepts) and admin-service (a person who mended the account): the pause cleared, the channel's
 * held jobs due now with a NOTIFY each, one CHANNEL_RESUMED notification by whoever resumed it
 * first. $1 the channel's id, $2 why. The held jobs are found from the queue (QUEUED is few rows,
 * by index), not by walking the channel's conversations.
 */
public final class ChannelResume {

  public static final String SQL =
      """
      WITH resumed AS (
          UPDATE "Channel"
             SET "pausedAt" = NULL, "pausedReason" = NULL, "pausedTokenFingerprint" = NULL,
                 "pausedCode" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
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

  private ChannelResume() {}
}
