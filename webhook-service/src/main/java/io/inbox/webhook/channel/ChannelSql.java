package io.inbox.webhook.channel;

/** What routing reads of the Channel table. */
final class ChannelSql {

  private ChannelSql() {}

  /**
   * Every active number, read whole every few seconds: there are a handful of channels, so one
   * small scan replaces a lookup per webhook item. An inactive channel routes nothing: its
   * deliveries count as an unknown number (stored, never replied to).
   */
  static final String ACTIVE_CHANNELS =
      """
      SELECT "id", "phoneNumberId", "isDefault" FROM "Channel" WHERE "active"
      """;
}
