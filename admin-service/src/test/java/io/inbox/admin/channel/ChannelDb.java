package io.inbox.admin.channel;

import io.inbox.admin.AdminDb;

/** Channels are configuration, not product rows: the tests put them back as V8 seeded them. */
public final class ChannelDb {

  private ChannelDb() {}

  /** Empty product tables and only the default channel, as seeded. */
  public static void clean() {
    AdminDb.clean();
    AdminDb.execute(
        """
        DELETE FROM "Channel" WHERE NOT "isDefault";
        DELETE FROM "Template";
        UPDATE "Channel" SET "active" = true, "phoneNumberId" = NULL, "pausedAt" = NULL,
                             "pausedReason" = NULL
         WHERE "isDefault";
        """);
  }

  /** A channel with number {@code phoneNumberId}; its id. */
  public static long channel(String name, String phoneNumberId, String tokenRef) {
    return Long.parseLong(
        AdminDb.value(
            "INSERT INTO \"Channel\" (name, \"phoneNumberId\", \"tokenRef\") VALUES ('%s', '%s', '%s') RETURNING id"
                .formatted(name, phoneNumberId, tokenRef)));
  }
}
