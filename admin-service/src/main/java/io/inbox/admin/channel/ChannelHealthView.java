package io.inbox.admin.channel;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A number's standing with Meta (Graph API) beside whether our sends are paused. */
@Schema(name = "ChannelHealth")
public record ChannelHealthView(
    long channelId,
    String phoneNumberId,
    @Schema(description = "display_phone_number as Meta has it") String displayNumber,
    @Schema(description = "GREEN, YELLOW, RED or UNKNOWN") String qualityRating,
    @Schema(description = "TIER_250, TIER_1K, TIER_10K, TIER_100K, TIER_UNLIMITED")
        String messagingLimitTier,
    @Schema(description = "CONNECTED, FLAGGED, RESTRICTED…") String status,
    @Schema(description = "APPROVED, PENDING_REVIEW, DECLINED…") String nameStatus,
    @Schema(description = "Whether the runner holds this channel's sends") boolean paused,
    Instant pausedAt,
    String pausedReason) {}
