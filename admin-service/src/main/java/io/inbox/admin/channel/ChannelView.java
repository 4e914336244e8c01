package io.inbox.admin.channel;

import io.inbox.admin.web.Times;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A channel as the API shows it: the token's reference and whether this service finds a token under
 * it ({@code tokenConfigured}), never the token.
 */
@Schema(name = "Channel")
public record ChannelView(
    long id,
    String name,
    @Schema(
            description =
                "Meta's phone_number_id; null on the default channel when it is the"
                    + " WHATSAPP_PHONE_NUMBER_ID variable's")
        String phoneNumberId,
    String displayNumber,
    String wabaId,
    @Schema(description = "The environment variable or Secret key holding the token")
        String tokenRef,
    @Schema(description = "Whether a non-blank token is found under tokenRef")
        boolean tokenConfigured,
    boolean active,
    @Schema(description = "The single-number variables' channel; it cannot be deleted")
        boolean isDefault,
    int messagesPerSecond,
    @Schema(description = "Set while sends wait because Meta refused the token or the number")
        Instant pausedAt,
    String pausedReason,
    Instant createdAt,
    Instant updatedAt) {

  static ChannelView of(Row row, boolean tokenConfigured) {
    return new ChannelView(
        row.getLong("id"),
        row.getString("name"),
        row.getString("phoneNumberId"),
        row.getString("displayNumber"),
        row.getString("wabaId"),
        row.getString("tokenRef"),
        tokenConfigured,
        row.getBoolean("active"),
        row.getBoolean("isDefault"),
        row.getInteger("messagesPerSecond"),
        Times.instant(row.getLocalDateTime("pausedAt")),
        row.getString("pausedReason"),
        Times.instant(row.getLocalDateTime("createdAt")),
        Times.instant(row.getLocalDateTime("updatedAt")));
  }
}
