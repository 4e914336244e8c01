package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.webhook.event.EventTransaction;
import io.inbox.webhook.event.WebhookEventStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A signed POST from Meta, end to end: verify, then store the raw body and process every message
 * and status in it, in one transaction ({@link EventTransaction}). A body that cannot be processed
 * because of the database fails the request once its event and the error are committed (Meta
 * redelivers, and processing is idempotent); a body that is not a webhook is kept and accepted.
 */
@ApplicationScoped
public class WebhookProcessor {

  /** How the POST ends, for the resource to map to HTTP. */
  public enum Outcome {
    ACCEPTED,
    REJECTED_SIGNATURE,
    TOO_SLOW
  }

  private final WebhookSettings settings;
  private final WebhookEventStore events;
  private final EventTransaction transactions;
  private final PayloadHandler payloads;
  private final WebhookMetrics metrics;
  private final ObjectMapper json;

  public WebhookProcessor(
      WebhookSettings settings,
      WebhookEventStore events,
      EventTransaction transactions,
      PayloadHandler payloads,
      WebhookMetrics metrics,
      ObjectMapper json) {
    this.settings = settings;
    this.events = events;
    this.transactions = transactions;
    this.payloads = payloads;
    this.metrics = metrics;
    this.json = json;
  }

  /**
   * Handles one POST within {@code webhook.processing-deadline}. Past it the caller gets {@code
   * TOO_SLOW} (a 503, so Meta delivers again) while the work itself runs to its end, commit or
   * rollback: ingestion is idempotent, so the redelivery finds what it left. A failure before the
   * deadline reaches the caller; one after it is logged here, as nobody else will see it.
   */
  public Uni<Outcome> receive(byte[] body, String signature, String requestId) {
    Uni<Outcome> work = handle(body, signature, requestId).memoize().indefinitely();
    AtomicBoolean answered = new AtomicBoolean();
    work.subscribe()
        .with(
            outcome -> {},
            failure -> {
              if (answered.get()) {
                Log.errorf(
                    failure,
                    "❌ [WEBHOOK] Background work failed after the 503 requestId=%s error=%s",
                    requestId,
                    failure.getMessage());
              }
            });
    return work.ifNoItem()
        .after(settings.processingDeadline())
        .recoverWithItem(
            () -> {
              answered.set(true);
              metrics.rejected("too_slow");
              Log.warnf(
                  "⏳ [WEBHOOK] Not stored within %s requestId=%s: answering 503, work continues",
                  settings.processingDeadline(), requestId);
              return Outcome.TOO_SLOW;
            });
  }

  private Uni<Outcome> handle(byte[] body, String signature, String requestId) {
    long started = System.nanoTime();
    Log.infof("[WEBHOOK] INBOUND-ENTRY requestId=%s bytes=%d", requestId, body.length);
    var rejection = SignatureVerifier.check(body, signature, settings.appSecret().orElse(null));
    if (rejection.isPresent()) {
      String reason = rejection.get().name().toLowerCase(Locale.ROOT);
      metrics.rejected("signature_" + reason);
      Log.warnf("❌ [WEBHOOK] Rejected requestId=%s reason=signature_%s", requestId, reason);
      return Uni.createFrom().item(Outcome.REJECTED_SIGNATURE);
    }
    metrics.received();
    String text = new String(body, StandardCharsets.UTF_8);
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JacksonException e) {
      return keepUnparseable(requestId, text, "Malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null) {
      return keepUnparseable(requestId, text, "Malformed JSON: empty body");
    }
    JsonNode storable = StorableText.of(root);
    return transactions
        .storeAndProcess(
            requestId,
            storable == root ? text : storable.toString(),
            (c, eventId) -> payloads.handle(c, eventId, storable, requestId, started))
        .invoke(
            () -> metrics.processing().record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
        .replaceWith(Outcome.ACCEPTED);
  }

  private Uni<Outcome> keepUnparseable(String requestId, String text, String error) {
    metrics.rejected("malformed");
    Log.warnf("⚠️ [WEBHOOK] Kept unparseable body requestId=%s error=%s", requestId, error);
    return events
        .storeUnparseable(requestId, StorableText.of(text), StorableText.of(error))
        .replaceWith(Outcome.ACCEPTED);
  }
}
