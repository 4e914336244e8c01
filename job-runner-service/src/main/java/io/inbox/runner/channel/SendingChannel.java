package io.inbox.runner.channel;

import io.vertx.mutiny.sqlclient.Row;

/**
 * The number a job's reply goes out from, as the claim read it: the conversation's channel, or the
 * default one (WHATSAPP_PHONE_NUMBER_ID / WHATSAPP_TOKEN) for a conversation without one. {@code
 * phoneNumberId} is null for the default channel (its id is in the environment). {@code
 * pausedTokenFingerprint}: the mark of the token Meta refused, while {@code paused}.
 */
public record SendingChannel(
    int id,
    String name,
    String phoneNumberId,
    String tokenRef,
    boolean isDefault,
    boolean paused,
    String pausedReason,
    String pausedTokenFingerprint) {

  /**
   * From a row with the claim's column names ({@code JobLeaseSql.CLAIM}; {@code ChannelSql.PAUSED}
   * uses the same).
   */
  public static SendingChannel from(Row r) {
    return new SendingChannel(
        r.getInteger("channelId"),
        r.getString("channelName"),
        r.getString("channelPhoneNumberId"),
        r.getString("tokenRef"),
        r.getBoolean("channelIsDefault"),
        r.getBoolean("channelPaused"),
        r.getString("pausedReason"),
        r.getString("pausedTokenFingerprint"));
  }
}
