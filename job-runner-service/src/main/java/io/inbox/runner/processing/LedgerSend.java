package io.inbox.runner.processing;

import static io.inbox.runner.processing.JobEndings.leaseLost;

import io.inbox.domain.logging.PhoneMask;
import io.inbox.domain.queue.JobKind;
import io.inbox.domain.queue.LedgerStatus;
import io.inbox.domain.queue.OutboundQueue;
import io.inbox.runner.RunnerSettings;
import io.inbox.runner.channel.ChannelMetrics;
import io.inbox.runner.channel.ChannelSenders;
import io.inbox.runner.health.SchemaGate;
import io.inbox.runner.outbound.LedgerEntry;
import io.inbox.runner.outbound.MessageProvider;
import io.inbox.runner.outbound.OutboundLedger;
import io.inbox.runner.outbound.ProviderFailure;
import io.inbox.runner.outbound.ProviderThrottle;
import io.inbox.runner.outbound.SendDecision;
import io.inbox.runner.outbound.Sender;
import io.inbox.runner.pacing.Admission;
import io.inbox.runner.pacing.SendPacer;
import io.inbox.runner.processing.JobProcessor.Result;
import io.inbox.runner.queue.Backoff;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobContext;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * One reply through the outbound ledger: its entry reserved, judged by what earlier attempts left
 * in it, paced, sent once from the conversation's number, and recorded. A closed 24-hour window
 * ({@link ClosedWindow}) and a failed send ({@link SendFailures}) are decided elsewhere; a
 * re-engagement template they call for comes back here, to go out as any reply.
 */
@ApplicationScoped
class LedgerSend {

  /** Recording a send is retried 5 more times, 0.25 s to 2 s apart (≈ 6 s in all). */
  private static final int RECORD_RETRIES = 5;

  /**
   * A send that did not go out is given back (its ledger row PENDING) for up to ≈ 16 s: longer than
   * a database restart takes. A row left SENDING would make the job's next claim wait out the
   * reconcile window (10 minutes) for Meta's status of a message never sent.
   */
  private static final int NOT_SENT_RETRIES = 10;

  private static final Duration WRITE_RETRY_BACKOFF = Duration.ofMillis(250);

  private final OutboundLedger ledger;
  private final MessageProvider provider;
  private final ProviderThrottle throttle;
  private final RunnerSettings settings;
  private final JobMetrics metrics;
  private final SchemaGate schema;
  private final JobScope scope;
  private final ChannelSenders senders;
  private final ChannelMetrics channelMetrics;
  private final SendPacer pacer;
  private final JobEndings endings;
  private final ClosedWindow window;
  private final SendFailures failures;

  LedgerSend(
      OutboundLedger ledger,
      MessageProvider provider,
      ProviderThrottle throttle,
      RunnerSettings settings,
      JobMetrics metrics,
      SchemaGate schema,
      JobScope scope,
      ChannelSenders senders,
      ChannelMetrics channelMetrics,
      SendPacer pacer,
      JobEndings endings,
      ClosedWindow window,
      SendFailures failures) {
    this.ledger = ledger;
    this.provider = provider;
    this.throttle = throttle;
    this.settings = settings;
    this.metrics = metrics;
    this.schema = schema;
    this.scope = scope;
    this.senders = senders;
    this.channelMetrics = channelMetrics;
    this.pacer = pacer;
    this.endings = endings;
    this.window = window;
    this.failures = failures;
  }

  /** Reserves the reply's ledger entry ({@code body}: what the inbox shows) and sends it once. */
  Uni<Result> reserveAndSend(ClaimedJob job, JobContext ctx, Outgoing out, String body) {
    return ledger
        .reserve(job, out.key(), ctx.phone(), body)
        .flatMap(entry -> sendOnce(job, ctx, out, entry));
  }

  private Uni<Result> sendOnce(ClaimedJob job, JobContext ctx, Outgoing out, LedgerEntry entry) {
    if (entry == null) {
      return Uni.createFrom().item(leaseLost(job));
    }
    String key = out.key();
    return switch (SendDecision.forLedger(entry, settings.maxUnconfirmedSends())) {
      case SEND -> {
        if (ClosedWindow.closedFor(out, ctx)) {
          yield closedWindow(job, ctx, entry, out);
        }
        Log.infof(
            "[OUTBOUND-IDEMPOTENCY] Created PENDING log: %d, dedupeKey: %s... logId=%d",
            ctx.conversationId(), key.substring(0, 12), entry.id());
        yield send(job, ctx, entry, out);
      }
      case RECORD -> {
        Log.infof(
            "[OUTBOUND-IDEMPOTENCY] Already %s (logId=%d, messageId=%s): not calling the provider again",
            entry.status(), entry.id(), entry.providerMessageId());
        yield record(job, ctx, entry, entry.providerMessageId(), out.handoverFor());
      }
      case REFUSED ->
          job.kind() == JobKind.REPLY
                  && out.template() == null
                  && ctx.reengagement() != null
                  && SendDecision.refusedForClosedWindow(entry)
              ? reengage(job, ctx, out.handoverFor())
              : endings.failNow(
                  job, "Failed to send outbound: the provider refused it earlier", null);
      case AWAIT_STATUS ->
          failures.awaitStatus(
              job,
              entry,
              entry.status(),
              null,
              "Send outcome unknown; awaiting status webhook",
              entry.reconcileIn());
      case RESEND -> {
        if (ClosedWindow.closedFor(out, ctx)) {
          yield closedWindow(job, ctx, entry, out);
        }
        if (entry.status() != LedgerStatus.PENDING) {
          Log.warnf(
              "⚠️ [OUTBOUND-IDEMPOTENCY] logId=%d no status from Meta within %s; sending again",
              entry.id(), settings.reconcileTimeout());
        }
        yield resend(job, ctx, entry, out);
      }
      case GIVE_UP -> failures.giveUp(job, entry);
    };
  }

  private Uni<Result> closedWindow(
      ClaimedJob job, JobContext ctx, LedgerEntry entry, Outgoing out) {
    return window.closedWindow(job, entry, () -> reengage(job, ctx, out.handoverFor()));
  }

  private Uni<Result> reengage(ClaimedJob job, JobContext ctx, String handoverFor) {
    return window.reengage(
        job, ctx, handoverFor, (template, body) -> reserveAndSend(job, ctx, template, body));
  }

  /** An earlier attempt's row: this worker must first take it, fenced by its lease. */
  private Uni<Result> resend(ClaimedJob job, JobContext ctx, LedgerEntry entry, Outgoing out) {
    return ledger
        .startSending(entry, job)
        .flatMap(
            owned -> owned ? send(job, ctx, entry, out) : Uni.createFrom().item(leaseLost(job)));
  }

  /**
   * The ledger row is SENDING under this job's lease: call the provider, from the conversation's
   * number with that number's token, once pacing admits it. If pacing itself fails (its database),
   * nothing was sent: the row goes back to PENDING before the job retries, or it would wait out the
   * reconcile window as a send of unknown outcome.
   */
  private Uni<Result> send(ClaimedJob job, JobContext ctx, LedgerEntry entry, Outgoing out) {
    Optional<Sender> from = senders.sender(ctx.channel());
    if (from.isEmpty()) {
      return failures.pauseChannel(
          job,
          ctx,
          entry,
          "no token configured under " + ctx.channel().tokenRef(),
          ChannelSenders.NO_TOKEN,
          ChannelSenders.NO_TOKEN);
    }
    return pacer
        .admit(job.conversationId())
        .onFailure()
        .call(
            failure ->
                retried(
                    ledger.settle(entry, LedgerStatus.PENDING, "not sent: pacing failed"),
                    NOT_SENT_RETRIES))
        .flatMap(
            admission ->
                admission.admitted()
                    ? callProvider(job, ctx, entry, out, from.get())
                    : paced(job, entry, admission));
  }

  /**
   * No slot within the pacing's max wait: nothing was sent, so the ledger row goes back to PENDING
   * (safe to resend) and the job waits for the slot without using an attempt.
   */
  private Uni<Result> paced(ClaimedJob job, LedgerEntry entry, Admission admission) {
    Log.infof(
        "⏳ [JOB-RUNNER] Job %d paced: channel or recipient busy; retry in %s",
        job.id(), Backoff.seconds(admission.retryAfter()));
    return ledger
        .settle(entry, LedgerStatus.PENDING, "paced")
        .flatMap(
            v ->
                endings.retryAfter(
                    job, "Paced: channel or recipient busy", admission.retryAfter(), true));
  }

  private Uni<Result> callProvider(
      ClaimedJob job, JobContext ctx, LedgerEntry entry, Outgoing out, Sender from) {
    Log.infof(
        "📤 [JOB-RUNNER] before sendOutboundWithIdempotency jobId=%d requestId=%s conversationId=%d phone=%s inboundProviderMessageId=%s",
        job.id(),
        job.requestId(),
        ctx.conversationId(),
        PhoneMask.mask(ctx.phone()),
        job.inboundProviderMessageId());
    long started = System.nanoTime();
    return scope
        .step(
            "cloud-api send",
            () ->
                provider.send(
                    from,
                    ctx.phone(),
                    out.content(entry),
                    OutboundQueue.CALLBACK_PREFIX + entry.id()))
        .onItemOrFailure()
        .invoke(
            (id, failure) -> {
              metrics.providerCall(started, failure);
              channelMetrics.sendEnded(ctx.channel(), failure);
            })
        .flatMap(
            wamid -> {
              Log.infof(
                  "✅ [JOB-RUNNER] outbound sent jobId=%d requestId=%s messageId=%s conversationId=%d phone=%s inboundProviderMessageId=%s success=true elapsed=%dms",
                  job.id(),
                  job.requestId(),
                  wamid,
                  ctx.conversationId(),
                  PhoneMask.mask(ctx.phone()),
                  job.inboundProviderMessageId(),
                  (System.nanoTime() - started) / 1_000_000);
              throttle.sent();
              return record(job, ctx, entry, wamid, out.handoverFor());
            })
        .onFailure(ProviderFailure.class)
        .recoverWithUni(
            failure ->
                failures.providerFailed(
                    job,
                    ctx,
                    entry,
                    out,
                    from,
                    (ProviderFailure) failure,
                    () -> reengage(job, ctx, out.handoverFor())));
  }

  /**
   * Records a send Meta accepted. Its provider id must not be lost to a failing database: the
   * record is retried with it first (bounded), and if the database stays away the id is kept for
   * this job's next claim, which records instead of sending. The job is never failed here: a
   * delivered reply is never marked FAILED, never resent.
   */
  private Uni<Result> record(
      ClaimedJob job, JobContext ctx, LedgerEntry entry, String wamid, String handoverFor) {
    return retried(ledger.complete(entry, job, wamid, handoverFor), RECORD_RETRIES)
        .map(
            completion -> {
              Log.infof(
                  "[OUTBOUND-IDEMPOTENCY] Message record created for Inbox UI: conversationId=%d, messageId=%s",
                  ctx.conversationId(), wamid);
              Log.infof(
                  "✅ [JOB-RUNNER] Message row confirmed jobId=%d requestId=%s messageRowId=%d status=SENT",
                  job.id(), job.requestId(), completion.messageRowId());
              if (!completion.jobCompleted()) {
                return leaseLost(job);
              }
              Log.infof(
                  "✅ [JOB-RUNNER] Job %d completed successfully (requestId: %s)",
                  job.id(), job.requestId());
              return Result.DONE;
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              schema.sawFailure(failure);
              ledger.rememberAccepted(entry, wamid);
              Log.errorf(
                  "❌ [JOB-RUNNER] Job %d: Meta accepted messageId=%s but recording it failed %d times (%s);"
                      + " keeping the id: the job's next claim records it without sending",
                  job.id(), wamid, RECORD_RETRIES + 1, failure.getMessage());
              return Result.UNRECORDED;
            });
  }

  /** A write that must reach the database, retried 0.25 s to 2 s apart while it is away. */
  private static <T> Uni<T> retried(Uni<T> write, int retries) {
    return write
        .onFailure()
        .retry()
        .withBackOff(WRITE_RETRY_BACKOFF, WRITE_RETRY_BACKOFF.multipliedBy(8))
        .atMost(retries);
  }
}
