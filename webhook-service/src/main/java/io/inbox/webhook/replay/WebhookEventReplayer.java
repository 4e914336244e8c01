package io.inbox.webhook.replay;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.domain.logging.LogFields;
import io.inbox.domain.logging.RequestIds;
import io.inbox.webhook.event.EventTransaction;
import io.inbox.webhook.event.StoredEvent;
import io.inbox.webhook.event.WebhookEventStore;
import io.inbox.webhook.replay.ReplayResult.Outcome;
import io.inbox.webhook.whatsapp.PayloadHandler;
import io.inbox.webhook.whatsapp.StorableText;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.MDC;

/**
 * Runs a stored event's body through the same per-item processing a live delivery gets, and records
 * the new outcome on the event ({@code processedAt}, {@code error}). Repeating it is safe: an event
 * processed without error is left alone, and ingestion is idempotent per message id, so a message
 * already stored gets no second row and no second job.
 */
@ApplicationScoped
public class WebhookEventReplayer {

  /** A bulk replay logs its progress every this many events. */
  private static final int PROGRESS_EVERY = 100;

  private final WebhookEventStore events;
  private final EventTransaction transactions;
  private final PayloadHandler payloads;
  private final ObjectMapper json;

  public WebhookEventReplayer(
      WebhookEventStore events,
      EventTransaction transactions,
      PayloadHandler payloads,
      ObjectMapper json) {
    this.events = events;
    this.transactions = transactions;
    this.payloads = payloads;
    this.json = json;
  }

  /** Null when there is no such event. */
  public Uni<ReplayResult> replay(long eventId) {
    return events.find(eventId).onItem().ifNotNull().transformToUni(this::replay);
  }

  /** Events received in {@code [from, to)}, one after the other, oldest first. */
  public Uni<BulkReplay> replayAll(Instant from, Instant to, boolean onlyFailed) {
    return events
        .replayableIds(utc(from), utc(to), onlyFailed)
        .flatMap(
            ids -> {
              Log.infof(
                  "🔁 [REPLAY] Bulk replay started events=%d from=%s to=%s onlyFailed=%s",
                  ids.size(), from, to, onlyFailed);
              List<ReplayResult> results = new ArrayList<>();
              return Multi.createFrom()
                  .iterable(ids)
                  .onItem()
                  // An event deleted meanwhile replays to null, which a Multi skips.
                  .transformToUniAndConcatenate(this::replay)
                  .onItem()
                  .invoke(
                      result -> {
                        results.add(result);
                        if (results.size() % PROGRESS_EVERY == 0) {
                          progress("progress", results, ids.size());
                        }
                      })
                  .collect()
                  .last()
                  .map(
                      ignored -> {
                        progress("done", results, ids.size());
                        return BulkReplay.of(from, to, onlyFailed, List.copyOf(results));
                      });
            });
  }

  private Uni<ReplayResult> replay(StoredEvent event) {
    long id = event.id();
    if (!event.signatureValid()) {
      return Uni.createFrom()
          .item(new ReplayResult(id, Outcome.FAILED, "Not replayed: its signature was not valid"));
    }
    if (event.processedCleanly()) {
      return Uni.createFrom().item(new ReplayResult(id, Outcome.UNCHANGED, null));
    }
    String requestId = RequestIds.next("replay");
    MDC.put(LogFields.REQUEST_ID, requestId);
    Log.infof("🔁 [REPLAY] Replaying webhook event id=%d requestId=%s", id, requestId);
    JsonNode root;
    try {
      root = event.body() == null ? null : json.readTree(event.body());
    } catch (JacksonException e) {
      return unreadable(id, "Malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null) {
      return unreadable(id, "Malformed JSON: empty body");
    }
    JsonNode storable = StorableText.of(root);
    return transactions
        .process(id, c -> payloads.handle(c, id, storable, requestId, System.nanoTime()))
        .map(
            handled ->
                new ReplayResult(
                    id, handled.read() ? Outcome.REPLAYED : Outcome.FAILED, handled.error()))
        .onFailure()
        .recoverWithItem(
            failure ->
                new ReplayResult(id, Outcome.FAILED, "Processing failed: " + failure.getMessage()));
  }

  /** Parsing is deterministic: the event keeps failing, and says why. */
  private Uni<ReplayResult> unreadable(long id, String error) {
    String storable = StorableText.of(error);
    return events
        .markProcessed(id, storable)
        .replaceWith(new ReplayResult(id, Outcome.FAILED, storable));
  }

  private static void progress(String stage, List<ReplayResult> results, int total) {
    Log.infof(
        "🔁 [REPLAY] Bulk replay %s %d/%d replayed=%d unchanged=%d failed=%d",
        stage,
        results.size(),
        total,
        BulkReplay.count(results, Outcome.REPLAYED),
        BulkReplay.count(results, Outcome.UNCHANGED),
        BulkReplay.count(results, Outcome.FAILED));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
