package io.inbox.runner.channel;

import io.inbox.domain.channel.ChannelTokens;
import io.inbox.runner.outbound.Sender;
import io.inbox.runner.outbound.WhatsAppSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A channel's phone number id and token, looked up for every send (a rotated Secret takes effect
 * without a restart). A token is read at most once a second per reference: the read is file I/O on
 * the event loop, tiny, but not once per message. The default channel falls back to {@code
 * whatsapp.phone-number-id} / {@code whatsapp.token}, so a deployment configured for one number
 * keeps working unchanged.
 */
@ApplicationScoped
public class ChannelSenders {

  /** The fingerprint a pause records when no token was configured at all. */
  public static final String NO_TOKEN = "none";

  private static final long TOKEN_TTL_NANOS = Duration.ofSeconds(1).toNanos();

  private record Read(Optional<String> token, long atNanos) {}

  private final ChannelTokens tokens;
  private final WhatsAppSettings settings;
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  public ChannelSenders(ChannelTokens tokens, WhatsAppSettings settings) {
    this.tokens = tokens;
    this.settings = settings;
  }

  /** Empty when the channel's token (or the default number's id) is not configured. */
  public Optional<Sender> sender(SendingChannel channel) {
    Optional<String> token = token(channel.tokenRef());
    Optional<String> phoneNumberId = Optional.ofNullable(channel.phoneNumberId());
    if (channel.isDefault()) {
      token = token.or(() -> settings.token().filter(t -> !t.isBlank()));
      phoneNumberId = phoneNumberId.or(() -> settings.phoneNumberId().filter(t -> !t.isBlank()));
    }
    Optional<String> found = token;
    return phoneNumberId.flatMap(id -> found.map(t -> new Sender(id, t)));
  }

  private Optional<String> token(String tokenRef) {
    long now = System.nanoTime();
    Read read = reads.get(tokenRef);
    if (read == null || now - read.atNanos() > TOKEN_TTL_NANOS) {
      read = new Read(tokens.token(tokenRef), now);
      reads.put(tokenRef, read);
    }
    return read.token();
  }

  /**
   * Whether a paused channel now has a token other than the one Meta refused: worth sending with (a
   * replaced Secret, a new tokenRef), without waiting for the probe.
   */
  public boolean tokenReplaced(SendingChannel channel) {
    return sender(channel).isPresent()
        && !tokenFingerprint(channel).equals(channel.pausedTokenFingerprint());
  }

  /** The fingerprint of the token a send would use now; {@link #NO_TOKEN} when there is none. */
  private String tokenFingerprint(SendingChannel channel) {
    return sender(channel).map(s -> ChannelTokens.fingerprint(s.token())).orElse(NO_TOKEN);
  }
}
