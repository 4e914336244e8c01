package io.inbox.webhook.channel;

import java.util.Map;
import java.util.Optional;

/**
 * Which channel a delivery belongs to, by Meta's {@code metadata.phone_number_id}: a snapshot of
 * the active channels. The default channel (the single-number variables) takes its configured
 * number, a delivery without a number (no {@code metadata}), and, while the webhook does not know
 * the default number ({@code WHATSAPP_PHONE_NUMBER_ID} unset), every number no channel claims: a
 * deployment from before channels keeps working unchanged.
 *
 * @param byNumber active channels by phone number id
 * @param defaultChannel the active default channel's id, null when there is none
 * @param defaultNumber WHATSAPP_PHONE_NUMBER_ID as the webhook knows it
 */
public record ChannelRouting(
    Map<String, Long> byNumber, Long defaultChannel, Optional<String> defaultNumber) {

  /** The channel's id and whether it is the default one. */
  public record Route(long channelId, boolean isDefault) {}

  /** Empty for an unknown number: the item is stored and counted, never replied to. */
  public Optional<Route> route(String phoneNumberId) {
    Long channel = phoneNumberId == null ? null : byNumber.get(phoneNumberId);
    if (channel != null) {
      return Optional.of(new Route(channel, channel.equals(defaultChannel)));
    }
    boolean defaults =
        phoneNumberId == null
            || defaultNumber.isEmpty()
            || defaultNumber.get().equals(phoneNumberId);
    return defaults && defaultChannel != null
        ? Optional.of(new Route(defaultChannel, true))
        : Optional.empty();
  }
}
