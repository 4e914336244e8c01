package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.domain.logging.PhoneMask;
import io.inbox.webhook.event.WebhookEventStore;
import io.inbox.webhook.ingest.InboundMessageIngestor;
import io.inbox.webhook.ingest.StatusRecorder;
import io.inbox.webhook.whatsapp.WebhookPayload.InboundMessage;
import io.inbox.webhook.whatsapp.WebhookPayload.StatusUpdate;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A signed POST from Meta, end to end: verify, store the raw body, then every message and status in
 * it. A body that cannot be processed because of the database fails the request (Meta redelivers,
 * and processing is idempotent); a body that is not a webhook is kept and accepted.
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
  private final InboundMessageIngestor ingestor;
  private final StatusRecorder statuses;
  private final WebhookMetrics metrics;
  private final ObjectMapper json;

  public WebhookProcessor(
      WebhookSettings settings,
      WebhookEventStore events,
      InboundMessageIngestor ingestor,
      StatusRecorder statuses,
      WebhookMetrics metrics,
      ObjectMapper json) {
    this.settings = settings;
    this.events = events;
    this.ingestor = ingestor;
    this.statuses = statuses;
    this.metrics = metrics;
    this.json = json;
  }

  /**
   * Handles one POST within {@code webhook.processing-deadline}. Past it the caller gets {@code
   * TOO_SLOW} (a 503, so Meta delivers again) while the work itself runs to its end, commit or
   * rollback: ingestion is idempotent, so the redelivery finds what it left.
   */
  public Uni<Outcome> receive(byte[] body, String signature, String requestId) {
    Uni<Outcome> work = handle(body, signature, requestId).memoize().indefinitely();
    work.subscribe().with(outcome -> {}, failure -> {});
    return work.ifNoItem()
        .after(settings.processingDeadline())
        .recoverWithItem(
            () -> {
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
    return events
        .storeParsed(requestId, storable == root ? text : storable.toString())
        .flatMap(eventId -> process(eventId, storable, requestId, started))
        .invoke(
            () ->
                metrics
                    .processing()
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS))
        .replaceWith(Outcome.ACCEPTED);
  }

  private Uni<Outcome> keepUnparseable(String requestId, String text, String error) {
    metrics.rejected("malformed");
    Log.warnf("⚠️ [WEBHOOK] Kept unparseable body requestId=%s error=%s", requestId, error);
    return events
        .storeUnparseable(requestId, StorableText.of(text), StorableText.of(error))
        .replaceWith(Outcome.ACCEPTED);
  }

  private Uni<Void> process(long eventId, JsonNode root, String requestId, long started) {
    WebhookPayload payload;
    try {
      payload = WebhookPayload.from(root);
    } catch (WebhookPayload.NotAWebhook e) {
      metrics.rejected("not_a_webhook");
      Log.warnf(
          "⚠️ [WEBHOOK] Not a WhatsApp webhook requestId=%s error=%s", requestId, e.getMessage());
      return events.markProcessed(eventId, e.getMessage());
    } catch (RuntimeException e) {
      // Stored already, with its error: answering 5xx would only make Meta redeliver it for ever.
      metrics.rejected("unreadable");
      Log.errorf(e, "❌ [WEBHOOK] Unreadable webhook kept requestId=%s", requestId);
      return events.markProcessed(eventId, "Unreadable webhook: " + e);
    }
    Uni<Void> messages =
        Multi.createFrom()
            .iterable(payload.messages())
            .onItem()
            .transformToUniAndConcatenate(m -> ingest(m, requestId, started))
            .collect()
            .last()
            .replaceWithVoid();
    Uni<Void> statusUpdates =
        Multi.createFrom()
            .iterable(payload.statuses())
            .onItem()
            .transformToUniAndConcatenate(s -> record(s, requestId))
            .collect()
            .last()
            .replaceWithVoid();
    return messages
        .call(() -> statusUpdates)
        .call(() -> events.markProcessed(eventId, null))
        .onFailure()
        .call(
            failure ->
                events
                    .markProcessed(eventId, "Processing failed: " + failure.getMessage())
                    .onFailure()
                    .recoverWithNull());
  }

  private Uni<Void> ingest(InboundMessage message, String requestId, long started) {
    return ingestor
        .ingest(message)
        .invoke(
            job -> {
              if (job.wasDuplicate()) {
                metrics.duplicate();
              }
              Log.infof(
                  "✅ [WEBHOOK] Job enqueued requestId=%s jobId=%d wasDuplicate=%s elapsed=%dms"
                      + " conversationId=%d phone=%s",
                  requestId,
                  job.jobId(),
                  job.wasDuplicate(),
                  (System.nanoTime() - started) / 1_000_000,
                  job.conversationId(),
                  PhoneMask.mask(message.phone()));
              if (!job.wasDuplicate()) {
                Log.infof(
                    "🚀 [WEBHOOK] Kicked job runner requestId=%s inboundMessageId=%s via=NOTIFY",
                    requestId, message.providerMessageId());
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> record(StatusUpdate status, String requestId) {
    return statuses
        .record(status)
        .invoke(
            outcome -> {
              metrics.status(outcome.name().toLowerCase(Locale.ROOT));
              Log.infof(
                  "📬 [WEBHOOK] Status requestId=%s messageId=%s status=%s outcome=%s",
                  requestId, status.providerMessageId(), status.status(), outcome);
            })
        .replaceWithVoid();
  }
}
