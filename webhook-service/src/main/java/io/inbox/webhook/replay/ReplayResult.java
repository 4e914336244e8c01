package io.inbox.webhook.replay;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What replaying one event did. {@code error}: what the event records now, or why it failed. */
public record ReplayResult(long id, Outcome outcome, String error) {

  /** Answered in lower case: {@code replayed}, {@code unchanged}, {@code failed}. */
  @Schema(enumeration = {"replayed", "unchanged", "failed"})
  public enum Outcome {
    /** Processed again; {@code error} lists the items that still had to be left out, if any. */
    REPLAYED,
    /** It had been processed without error: nothing was done. */
    UNCHANGED,
    /** Its body could not be processed (not a webhook, unreadable, unsigned, database failure). */
    FAILED;

    @JsonValue
    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
