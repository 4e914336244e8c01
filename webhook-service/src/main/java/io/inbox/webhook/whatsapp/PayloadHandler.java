package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.inbox.domain.logging.LogFields;
import io.inbox.domain.logging.PhoneMask;
import io.inbox.webhook.channel.ChannelDirectory;
import io.inbox.webhook.channel.ChannelRouting;
import io.inbox.webhook.channel.ChannelRouting.Route;
import io.inbox.webhook.event.WebhookEventStore;
import io.inbox.webhook.ingest.EventMark;
import io.inbox.webhook.ingest.InboundMessageIngestor;
import io.inbox.webhook.ingest.StatusRecorder;
import io.inbox.webhook.whatsapp.WebhookPayload.InboundMessage;
import io.inbox.webhook.whatsapp.WebhookPayload.StatusUpdate;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.MDC;

/**
 * Acts on a stored webhook body: every message and status in it, each on its own, then marks its
 * event processed with what had to be left out. Live deliveries and replays both come through here,
 * so a replay does exactly what the delivery did. Everything is written in the caller's transaction
 * ({@link io.inbox.webhook.event.EventTransaction}): a database failure fails the whole body and
 * leaves none of it written (the caller answers 5xx and Meta redelivers; ingestion is idempotent);
 * a malformed item never does.
 */
@ApplicationScoped
public class PayloadHandler {

  /**
   * What handling a body came to. {@code read}: false when the body is not a webhook at all, so
   * nothing in it could be handled. {@code error}: what its event now records, null when every
   * message and status was handled.
   */
  public record Handled(boolean read, String error) {}

  /** A body of thousands of bad items must not make an error text of megabytes. */
  private static final int LISTED_REJECTIONS = 50;

  private final WebhookEventStore events;
  private final InboundMessageIngestor ingestor;
  private final StatusRecorder statuses;
  private final WebhookMetrics metrics;
  private final ChannelDirectory channels;

  public PayloadHandler(
      WebhookEventStore events,
      InboundMessageIngestor ingestor,
      StatusRecorder statuses,
      WebhookMetrics metrics,
      ChannelDirectory channels) {
    this.events = events;
    this.ingestor = ingestor;
    this.statuses = statuses;
    this.metrics = metrics;
    this.channels = channels;
  }

  /**
   * {@code c}: the transaction that stored the event, or one of the replay's; {@code root} must be
   * storable ({@link StorableText}); {@code started} is for the log.
   */
  public Uni<Handled> handle(
      SqlConnection c, long eventId, JsonNode root, String requestId, long started) {
    WebhookPayload payload;
    try {
      payload = WebhookPayload.from(root, Instant.now());
    } catch (WebhookPayload.NotAWebhook e) {
      metrics.rejected("not_a_webhook");
      Log.warnf(
          "⚠️ [WEBHOOK] Not a WhatsApp webhook requestId=%s error=%s", requestId, e.getMessage());
      return unread(c, eventId, e.getMessage());
    } catch (RuntimeException e) {
      // Stored already, with its error: answering 5xx would only make Meta redeliver it for ever.
      metrics.rejected("unreadable");
      Log.errorf(e, "❌ [WEBHOOK] Unreadable webhook kept requestId=%s", requestId);
      return unread(c, eventId, "Unreadable webhook: " + e);
    }
    String channel = WebhookChannels.of(root);
    if (channel != null) {
      MDC.put(LogFields.CHANNEL, channel);
    }
    String rejected = rejected(payload.rejected(), requestId);
    return channels
        .routing(c)
        .flatMap(routing -> routed(c, eventId, payload, routing, rejected, requestId, started));
  }

  /** The delivery's messages, each to its number's channel, then its statuses, then the mark. */
  private Uni<Handled> routed(
      SqlConnection c,
      long eventId,
      WebhookPayload payload,
      ChannelRouting routing,
      String rejected,
      String requestId,
      long started) {
    List<InboundMessage> messages = payload.messagesInLockOrder();
    List<Optional<Route>> routes =
        messages.stream().map(m -> routing.route(m.phoneNumberId())).toList();
    String error = error(rejected, unknown(messages, routes));
    // The first message that is ingested also marks the event, one round trip fewer per
    // delivery. Its place in the savepoint does not matter: now() is the transaction's
    // start, and a failure after it rolls the mark back with the rest.
    int marking =
        IntStream.range(0, routes.size())
            .filter(i -> routes.get(i).isPresent())
            .findFirst()
            .orElse(-1);
    EventMark mark = new EventMark(eventId, error);
    return Multi.createFrom()
        .range(0, messages.size())
        .onItem()
        .transformToUniAndConcatenate(
            i ->
                message(
                    c,
                    messages.get(i),
                    routes.get(i),
                    i == marking ? mark : null,
                    requestId,
                    started))
        .collect()
        .last()
        .call(
            () ->
                Multi.createFrom()
                    .iterable(payload.statusesInLockOrder())
                    .onItem()
                    .transformToUniAndConcatenate(s -> record(c, s, requestId))
                    .collect()
                    .last())
        .call(
            () ->
                marking < 0 ? events.markProcessed(c, eventId, error) : Uni.createFrom().voidItem())
        .map(done -> new Handled(true, error));
  }

  /** Ingested when a channel has its number ({@code route}), else kept as an unknown number's. */
  private Uni<Void> message(
      SqlConnection c,
      InboundMessage m,
      Optional<Route> route,
      EventMark mark,
      String requestId,
      long started) {
    return route
        .map(r -> ingest(c, m, r, mark, requestId, started))
        .orElseGet(() -> unknownNumber(m, requestId));
  }

  private Uni<Handled> unread(SqlConnection c, long eventId, String error) {
    return events.markProcessed(c, eventId, error).replaceWith(new Handled(false, error));
  }

  /** Counts and logs the rejected items; the event's error text, null when there are none. */
  private String rejected(List<RejectedItem> items, String requestId) {
    if (items.isEmpty()) {
      return null;
    }
    items.forEach(item -> metrics.itemRejected(item.reason()));
    String listed =
        items.stream()
            .limit(LISTED_REJECTIONS)
            .map(RejectedItem::toString)
            .collect(Collectors.joining("; "));
    String error =
        items.size() > LISTED_REJECTIONS
            ? listed + "; … " + (items.size() - LISTED_REJECTIONS) + " more"
            : listed;
    Log.warnf(
        "⚠️ [WEBHOOK] Items rejected requestId=%s count=%d: %s", requestId, items.size(), error);
    return error;
  }

  /**
   * A message to a number no active channel has: kept (its event holds it, and says so, so a replay
   * after the channel is added ingests it), counted, and never replied to.
   */
  private Uni<Void> unknownNumber(InboundMessage message, String requestId) {
    metrics.unknownNumber();
    Log.warnf(
        "⚠️ [WEBHOOK] Unknown number requestId=%s phoneNumberId=%s messageId=%s phone=%s: stored,"
            + " not replied to",
        requestId,
        message.phoneNumberId(),
        message.providerMessageId(),
        PhoneMask.mask(message.phone()));
    return Uni.createFrom().voidItem();
  }

  /** What the event records of the messages to unknown numbers ({@code routes}: theirs empty). */
  private static List<String> unknown(List<InboundMessage> messages, List<Optional<Route>> routes) {
    return IntStream.range(0, messages.size())
        .filter(i -> routes.get(i).isEmpty())
        .limit(LISTED_REJECTIONS)
        .mapToObj(
            i ->
                "unknown phone_number_id "
                    + messages.get(i).phoneNumberId()
                    + ": message "
                    + messages.get(i).providerMessageId()
                    + " not handled")
        .toList();
  }

  private static String error(String rejected, List<String> unknown) {
    if (unknown.isEmpty()) {
      return rejected;
    }
    String unrouted = String.join("; ", unknown);
    return rejected == null ? unrouted : rejected + "; " + unrouted;
  }

  private Uni<Void> ingest(
      SqlConnection c,
      InboundMessage message,
      Route route,
      EventMark mark,
      String requestId,
      long started) {
    return ingestor
        .ingest(c, message, route, mark)
        .invoke(
            job -> {
              if (job.wasDuplicate()) {
                metrics.duplicate();
              }
              // A body's messages are ingested one after another: each one's lines carry its own.
              MDC.put(LogFields.JOB_ID, Long.toString(job.jobId()));
              MDC.put(LogFields.CONVERSATION_ID, Long.toString(job.conversationId()));
              Log.infof(
                  "✅ [WEBHOOK] Job enqueued requestId=%s jobId=%d wasDuplicate=%s elapsed=%dms"
                      + " conversationId=%d channelId=%d phone=%s",
                  requestId,
                  job.jobId(),
                  job.wasDuplicate(),
                  (System.nanoTime() - started) / 1_000_000,
                  job.conversationId(),
                  route.channelId(),
                  PhoneMask.mask(message.phone()));
              if (!job.wasDuplicate()) {
                Log.infof(
                    "🚀 [WEBHOOK] Kicked job runner requestId=%s inboundMessageId=%s via=NOTIFY",
                    requestId, message.providerMessageId());
              }
              MDC.remove(LogFields.JOB_ID);
              MDC.remove(LogFields.CONVERSATION_ID);
            })
        .replaceWithVoid();
  }

  private Uni<Void> record(SqlConnection c, StatusUpdate status, String requestId) {
    return statuses
        .record(c, status)
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
