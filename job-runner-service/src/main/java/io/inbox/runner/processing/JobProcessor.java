package io.inbox.runner.processing;

import io.inbox.domain.channel.ChannelTokens;
import io.inbox.domain.channel.TemplateParameters;
import io.inbox.domain.logging.PhoneMask;
import io.inbox.domain.queue.JobKind;
import io.inbox.domain.queue.LedgerStatus;
import io.inbox.domain.queue.OutboundQueue;
import io.inbox.runner.RunnerSettings;
import io.inbox.runner.channel.ChannelMetrics;
import io.inbox.runner.channel.ChannelPauses;
import io.inbox.runner.channel.ChannelSenders;
import io.inbox.runner.channel.SendingChannel;
import io.inbox.runner.channel.TemplateMessages;
import io.inbox.runner.health.SchemaGate;
import io.inbox.runner.orchestrator.Orchestrator;
import io.inbox.runner.orchestrator.Orchestrator.Decision;
import io.inbox.runner.outbound.Content;
import io.inbox.runner.outbound.LedgerEntry;
import io.inbox.runner.outbound.MessageProvider;
import io.inbox.runner.outbound.OutboundLedger;
import io.inbox.runner.outbound.ProviderFailure;
import io.inbox.runner.outbound.ProviderThrottle;
import io.inbox.runner.outbound.SendDecision;
import io.inbox.runner.outbound.Sender;
import io.inbox.runner.pacing.Admission;
import io.inbox.runner.pacing.SendPacer;
import io.inbox.runner.queue.Backoff;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobContext;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One claimed job, as the runbook logs it: load, orchestrate (or take the agent's text), send once
 * through the ledger, record, complete — or retry, or fail, each decided by what went wrong.
 */
@ApplicationScoped
public class JobProcessor {

  /** How one job ended for this worker. */
  public enum Result {
    DONE,
    RETRYING,
    FAILED,
    LEASE_LOST,
    /** Can never be sent (a closed 24-hour window without a template): CANCELLED. */
    CANCELLED,
    /** Sent, but the database refused the record: left RUNNING for its lease to expire. */
    UNRECORDED,
    /** Still running past {@code runner.job-timeout}: slot freed, lease left to expire. */
    TIMED_OUT
  }

  /** Meta's per-recipient pair limit: wait about this long, as its docs advise. */
  private static final Duration PAIR_LIMIT_PAUSE = Duration.ofSeconds(6);

  /** Recording a send is retried 5 more times, 0.25 s to 2 s apart (≈ 6 s in all). */
  private static final int RECORD_RETRIES = 5;

  /**
   * A send that did not go out is given back (its ledger row PENDING) for up to ≈ 16 s: longer than
   * a database restart takes. A row left SENDING would make the job's next claim wait out the
   * reconcile window (10 minutes) for Meta's status of a message never sent.
   */
  private static final int NOT_SENT_RETRIES = 10;

  private static final Duration WRITE_RETRY_BACKOFF = Duration.ofMillis(250);

  private final Orchestrator orchestrator;
  private final OutboundLedger ledger;
  private final MessageProvider provider;
  private final ProviderThrottle throttle;
  private final JobQueue queue;
  private final Pool pool;
  private final RunnerSettings settings;
  private final JobMetrics metrics;
  private final SchemaGate schema;
  private final JobScope scope;
  private final ChannelSenders senders;
  private final ChannelPauses pauses;
  private final ChannelMetrics channelMetrics;
  private final SendPacer pacer;

  public JobProcessor(
      Orchestrator orchestrator,
      OutboundLedger ledger,
      MessageProvider provider,
      ProviderThrottle throttle,
      JobQueue queue,
      Pool pool,
      RunnerSettings settings,
      JobMetrics metrics,
      SchemaGate schema,
      JobScope scope,
      ChannelSenders senders,
      ChannelPauses pauses,
      ChannelMetrics channelMetrics,
      SendPacer pacer) {
    this.senders = senders;
    this.pauses = pauses;
    this.channelMetrics = channelMetrics;
    this.pacer = pacer;
    this.schema = schema;
    this.scope = scope;
    this.orchestrator = orchestrator;
    this.ledger = ledger;
    this.provider = provider;
    this.throttle = throttle;
    this.queue = queue;
    this.pool = pool;
    this.settings = settings;
    this.metrics = metrics;
  }

  public Uni<Result> process(ClaimedJob job) {
    Log.infof(
        "✅ [JOB-RUNNER] picked jobId=%d requestId=%s conversationId=%d inboundProviderMessageId=%s%s",
        job.id(),
        job.requestId(),
        job.conversationId(),
        job.inboundProviderMessageId(),
        job.rescued() ? " rescued=true" : "");
    if (job.rescued()) {
      metrics.rescued();
    }
    if (job.attempt() > job.maxAttempts()) {
      return failFinally(job, "lease expired on every attempt");
    }
    Log.infof(
        "📥 [JOB-RUNNER] Loading conversation jobId=%d requestId=%s conversationId=%d",
        job.id(), job.requestId(), job.conversationId());
    long started = System.nanoTime();
    return Uni.createFrom()
        .deferred(() -> withContext(job, job.context()))
        .onFailure()
        .invoke(schema::sawFailure)
        .onFailure()
        .recoverWithUni(failure -> retryOrFail(job, "Unexpected: " + failure.getMessage()))
        .invoke(result -> metrics.ended(result, started));
  }

  private Uni<Result> withContext(ClaimedJob job, JobContext ctx) {
    if (ctx == null) {
      return failNow(job, "Conversation " + job.conversationId() + " not found", null);
    }
    Log.infof(
        "✅ [JOB-RUNNER] Conversation loaded jobId=%d requestId=%s conversationId=%d contactId=%d leadId=%s",
        job.id(), job.requestId(), ctx.conversationId(), ctx.contactId(), ctx.leadId());
    if (ctx.channel() == null) {
      return failNow(job, "No channel to send from: the default channel row is missing", null);
    }
    return switch (job.kind()) {
      case AGENT_REPLY -> ownMessage(job, ctx, "Agent message", null);
      case TEMPLATE -> ownMessage(job, ctx, "Template message", queuedTemplate(ctx));
      case REPLY -> botReply(job, ctx);
    };
  }

  /** A template send's details, or null when they cannot be read (the job fails on it). */
  private static Content.Template queuedTemplate(JobContext ctx) {
    try {
      return TemplateMessages.queued(ctx.outboundDetails());
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }

  /**
   * Runs {@code sending} (what leads to a send: the orchestrator, the ledger, the call) unless the
   * channel's number is paused. Then the job waits without using an attempt, nothing FAILED, and
   * resuming the channel makes it due again at once; a token replaced since Meta refused it resumes
   * the channel here and now. Only sends wait: an inbound message for agents is passed on at once.
   */
  private Uni<Result> whenChannelSends(
      ClaimedJob job, JobContext ctx, Supplier<Uni<Result>> sending) {
    SendingChannel channel = ctx.channel();
    if (!channel.paused()) {
      return sending.get();
    }
    if (!senders.tokenReplaced(channel)) {
      return hold(job, channel, channel.pausedReason());
    }
    return pauses
        .resume(channel.id(), channel.name(), "its token was replaced")
        .flatMap(resumed -> sending.get());
  }

  private Uni<Result> hold(ClaimedJob job, SendingChannel channel, String reason) {
    String why = "Channel " + channel.name() + " paused: " + reason;
    Log.infof("⏸️ [JOB-RUNNER] Job %d held: %s", job.id(), why);
    return queue
        .retry(job, settings.channelHold(), why, true)
        .map(ok -> ok ? Result.RETRYING : leaseLost(job));
  }

  private Uni<Result> botReply(ClaimedJob job, JobContext ctx) {
    Log.infof(
        "📥 [JOB-RUNNER] Loading inbound message jobId=%d requestId=%s inboundMessageId=%s",
        job.id(), job.requestId(), job.inboundProviderMessageId());
    if (ctx.inboundMessageId() == null) {
      return failNow(job, "Inbound message " + job.inboundProviderMessageId() + " not found", null);
    }
    Log.infof(
        "✅ [JOB-RUNNER] Inbound message loaded jobId=%d requestId=%s messageId=%d bodyLength=%d",
        job.id(), job.requestId(), ctx.inboundMessageId(), ctx.inboundBody().length());
    if (ctx.conversationDeleted()) {
      Log.infof("⏭️ [JOB-RUNNER] Job %d needs no auto-reply: conversation soft-deleted", job.id());
      return pool.withTransaction(c -> queue.complete(c, job))
          .map(completed -> completed ? Result.DONE : leaseLost(job));
    }
    if (ctx.humanMode()) {
      return leaveToAgents(job, ctx);
    }
    return whenChannelSends(job, ctx, () -> orchestrateAndReply(job, ctx));
  }

  private Uni<Result> orchestrateAndReply(ClaimedJob job, JobContext ctx) {
    Log.infof(
        "🎯 [JOB-RUNNER] Running orchestrator for job %d (requestId: %s)",
        job.id(), job.requestId());
    long started = System.nanoTime();
    return scope
        .step(
            "orchestrate",
            () ->
                orchestrator.decide(
                    new Orchestrator.Inbound(
                        job.id(),
                        ctx.conversationId(),
                        ctx.inboundMessageId(),
                        ctx.inboundType(),
                        ctx.inboundBody(),
                        ctx.inboundCaption(),
                        ctx.contactName(),
                        ctx.conversationStatus())))
        .flatMap(decision -> reply(job, ctx, decision, started));
  }

  /** Sends the orchestrator's decision once through the ledger, or nothing when it is silent. */
  private Uni<Result> reply(ClaimedJob job, JobContext ctx, Decision decision, long started) {
    if (decision.silent()) {
      Log.infof("⏭️ [JOB-RUNNER] Job %d needs no auto-reply: not a text message", job.id());
      return pool.withTransaction(c -> queue.complete(c, job))
          .map(completed -> completed ? Result.DONE : leaseLost(job));
    }
    Log.infof(
        "✅ [JOB-RUNNER] Orchestrator complete jobId=%d requestId=%s elapsed=%dms replyLength=%d hasHandover=%s",
        job.id(),
        job.requestId(),
        (System.nanoTime() - started) / 1_000_000,
        decision.reply().length(),
        decision.handover());
    String handoverFor = decision.handover() ? PhoneMask.mask(ctx.phone()) : null;
    Outgoing text =
        new Outgoing(
            OutboundLedger.dedupeKey(job.inboundProviderMessageId(), 0), null, handoverFor);
    return reserveAndSend(job, ctx, text, decision.reply());
  }

  /** Reserves the reply's ledger entry ({@code body}: what the inbox shows) and sends it once. */
  private Uni<Result> reserveAndSend(ClaimedJob job, JobContext ctx, Outgoing out, String body) {
    return ledger
        .reserve(job, out.key(), ctx.phone(), body)
        .flatMap(entry -> sendOnce(job, ctx, out, entry));
  }

  /**
   * Outside the 24-hour window only a template reaches the customer: the channel's re-engagement
   * template, filled from the contact, as the reply's second ledger entry (so it is sent once, and
   * never mistaken for the text). Without one the job is CANCELLED and operators are told.
   */
  private Uni<Result> reengage(ClaimedJob job, JobContext ctx, String handoverFor) {
    if (ctx.reengagement() == null) {
      return cancelReply(
          job,
          ctx,
          "24-hour window closed and channel "
              + ctx.channel().name()
              + " has no re-engagement template");
    }
    Content.Template template;
    try {
      template = TemplateMessages.reengagement(ctx.reengagement(), ctx.contactName(), ctx.phone());
    } catch (TemplateParameters.MissingValue | IllegalArgumentException unusable) {
      return cancelReply(
          job,
          ctx,
          "24-hour window closed; re-engagement template unusable: " + unusable.getMessage());
    }
    Log.infof(
        "📨 [JOB-RUNNER] Job %d sends the re-engagement template %s (%s) instead",
        job.id(), template.name(), template.language());
    Outgoing out =
        new Outgoing(
            OutboundLedger.dedupeKey(job.inboundProviderMessageId(), 1), template, handoverFor);
    return reserveAndSend(job, ctx, out, template.readable());
  }

  private Uni<Result> cancelReply(ClaimedJob job, JobContext ctx, String why) {
    Log.warnf("🚫 [JOB-RUNNER] Job %d cancelled: %s", job.id(), why);
    Alert alert = reengagementRequired(ctx);
    return pool.withTransaction(
            c ->
                queue
                    .cancel(c, job, why)
                    .call(
                        owned ->
                            owned
                                ? queue.notifyOperators(
                                    c,
                                    job.conversationId(),
                                    alert.type(),
                                    alert.title(),
                                    "Job " + job.id() + ": " + why)
                                : Uni.createFrom().voidItem()))
        .map(owned -> owned ? Result.CANCELLED : leaseLost(job));
  }

  private static Alert reengagementRequired(JobContext ctx) {
    return new Alert(
        "REENGAGEMENT_REQUIRED",
        "24-hour window closed: send a template to reach " + PhoneMask.mask(ctx.phone()));
  }

  /**
   * A person answers this conversation: no auto-reply, and its agents learn of the message by one
   * NEW_MESSAGE notification (none while an earlier one is unread), in the completion's
   * transaction.
   */
  private Uni<Result> leaveToAgents(ClaimedJob job, JobContext ctx) {
    Log.infof("⏭️ [JOB-RUNNER] Job %d needs no auto-reply: conversation in HUMAN mode", job.id());
    String title = "New message from " + PhoneMask.mask(ctx.phone());
    return pool.withTransaction(
            c ->
                queue
                    .complete(c, job)
                    .call(
                        completed ->
                            completed
                                ? queue
                                    .notifyNewMessage(
                                        c, ctx.conversationId(), title, ctx.inboundBody())
                                    .invoke(raised -> logNewMessage(job, ctx, raised))
                                : Uni.createFrom().voidItem()))
        .map(completed -> completed ? Result.DONE : leaseLost(job));
  }

  private static void logNewMessage(ClaimedJob job, JobContext ctx, boolean raised) {
    Log.infof(
        raised
            ? "🔔 [JOB-RUNNER] Job %d: NEW_MESSAGE notification for conversation %d"
            : "🔕 [JOB-RUNNER] Job %d: conversation %d has an unread NEW_MESSAGE notification already",
        job.id(),
        ctx.conversationId());
  }

  /**
   * An agent's reply or template: what is sent is the Message row admin-service wrote (its text, or
   * the template in its details), no orchestrator is asked, and HUMAN mode does not hold it back
   * (an agent's reply is the point of HUMAN mode). Through the same ledger as the bot's replies,
   * keyed by the job's {@code agent:<clientMessageId>} / {@code template:<clientMessageId>}. A text
   * outside the 24-hour window is not sent (Meta refuses it): its row FAILED with the reason.
   */
  private Uni<Result> ownMessage(
      ClaimedJob job, JobContext ctx, String what, Content.Template template) {
    if (ctx.agentReplyBody() == null) {
      return failNow(job, what + " " + job.outboundMessageId() + " not found", null);
    }
    if (job.kind() == JobKind.TEMPLATE && template == null) {
      return failNow(job, what + " " + job.outboundMessageId() + " has no readable template", null);
    }
    if (ctx.conversationDeleted()) {
      Log.infof("⏭️ [JOB-RUNNER] Job %d sends no agent reply: conversation soft-deleted", job.id());
      return queue
          .completeUnsent(job, "Conversation deleted")
          .map(completed -> completed ? Result.DONE : leaseLost(job));
    }
    Log.infof(
        "💬 [JOB-RUNNER] Agent reply jobId=%d requestId=%s messageRowId=%d bodyLength=%d",
        job.id(), job.requestId(), job.outboundMessageId(), ctx.agentReplyBody().length());
    Outgoing out =
        new Outgoing(OutboundLedger.dedupeKey(job.inboundProviderMessageId(), 0), template, null);
    return whenChannelSends(job, ctx, () -> reserveAndSend(job, ctx, out, ctx.agentReplyBody()));
  }

  /**
   * One send of a reply: its ledger key, the template it is (null: the ledger row's text), and the
   * masked phone when the reply hands the conversation over.
   */
  private record Outgoing(String key, Content.Template template, String handoverFor) {

    /**
     * A text is the ledger row's: a retry whose orchestrator phrased the reply anew still sends the
     * first wording, the one the row was reserved with.
     */
    Content content(LedgerEntry entry) {
      return template != null ? template : new Content.Text(entry.body());
    }
  }

  private Uni<Result> sendOnce(ClaimedJob job, JobContext ctx, Outgoing out, LedgerEntry entry) {
    if (entry == null) {
      return Uni.createFrom().item(leaseLost(job));
    }
    String key = out.key();
    return switch (SendDecision.forLedger(entry, settings.maxUnconfirmedSends())) {
      case SEND -> {
        if (closedFor(out, ctx)) {
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
              : failNow(job, "Failed to send outbound: the provider refused it earlier", null);
      case AWAIT_STATUS ->
          awaitStatus(
              job,
              entry,
              entry.status(),
              null,
              "Send outcome unknown; awaiting status webhook",
              entry.reconcileIn());
      case RESEND -> {
        if (closedFor(out, ctx)) {
          yield closedWindow(job, ctx, entry, out);
        }
        if (entry.status() != LedgerStatus.PENDING) {
          Log.warnf(
              "⚠️ [OUTBOUND-IDEMPOTENCY] logId=%d no status from Meta within %s; sending again",
              entry.id(), settings.reconcileTimeout());
        }
        yield resend(job, ctx, entry, out);
      }
      case GIVE_UP -> giveUp(job, entry);
    };
  }

  /** A text about to go out (again) after the customer's 24-hour window closed. */
  private static boolean closedFor(Outgoing out, JobContext ctx) {
    return out.template() == null && !ctx.windowOpen();
  }

  /**
   * Meta refuses a text once the customer's 24-hour window has closed (131047): it is not sent. Its
   * ledger row says why (so a later attempt knows), and a bot reply becomes the re-engagement
   * template; an agent's text is left unsent, its row FAILED, for the agent to send a template. The
   * row is judged first (sent, or awaiting Meta's status, it is recorded or waited for as any).
   */
  private Uni<Result> closedWindow(
      ClaimedJob job, JobContext ctx, LedgerEntry entry, Outgoing out) {
    Log.infof(
        "⏰ [JOB-RUNNER] Job %d: the customer's 24-hour window has closed; no text can reach them",
        job.id());
    Uni<Void> settled = ledger.settle(entry, LedgerStatus.FAILED, SendDecision.WINDOW_CLOSED);
    if (job.kind() == JobKind.REPLY) {
      return settled.flatMap(ignored -> reengage(job, ctx, out.handoverFor()));
    }
    return settled
        .flatMap(ignored -> queue.completeUnsent(job, "24-hour window closed: send a template"))
        .map(completed -> completed ? Result.DONE : leaseLost(job));
  }

  /**
   * Every allowed send went unconfirmed: sending again could reach the customer twice, not sending
   * could leave them without a reply. A person decides; the row stays UNKNOWN.
   */
  private Uni<Result> giveUp(ClaimedJob job, LedgerEntry entry) {
    String error =
        "Send outcome unknown after "
            + entry.attempts()
            + " sends without a status from Meta (ledger id "
            + entry.id()
            + ")";
    return ledger
        .settle(entry, LedgerStatus.UNKNOWN, error)
        .flatMap(
            v ->
                failNow(
                    job,
                    error,
                    new Alert(
                        "SEND_UNCONFIRMED",
                        "Reply may or may not have reached the customer (ledger id "
                            + entry.id()
                            + ")")));
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
      return pauseChannel(
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
            v -> retryAfter(job, "Paced: channel or recipient busy", admission.retryAfter(), true));
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
            failure -> providerFailed(job, ctx, entry, out, from, (ProviderFailure) failure));
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

  private Uni<Result> providerFailed(
      ClaimedJob job,
      JobContext ctx,
      LedgerEntry entry,
      Outgoing out,
      Sender from,
      ProviderFailure failure) {
    String error = "Failed to send outbound: " + failure.getMessage();
    if (failure.kind() == ProviderFailure.Kind.THROTTLED) {
      throttle.throttled();
    }
    SendDecision.AfterFailure next = SendDecision.afterFailure(failure.kind());
    if (next.job() == SendDecision.JobMove.AWAIT_STATUS) {
      return awaitStatus(
          job,
          entry,
          next.ledgerStatus(),
          failure.getMessage(),
          error + " (outcome unknown)",
          settings.reconcileTimeout());
    }
    if (next.job() == SendDecision.JobMove.PAUSE_CHANNEL) {
      return pauseChannel(
          job,
          ctx,
          entry,
          failure.getMessage(),
          failure.code(),
          ChannelTokens.fingerprint(from.token()));
    }
    if (next.job() == SendDecision.JobMove.FAIL_REENGAGEMENT
        && job.kind() == JobKind.REPLY
        && out.template() == null
        && ctx.reengagement() != null) {
      // Meta says the window closed though our clock said open (skew): the template path, once
      // (its own ledger entry; a template is never answered 131047).
      return ledger
          .settle(entry, next.ledgerStatus(), failure.getMessage())
          .flatMap(ignored -> reengage(job, ctx, out.handoverFor()));
    }
    return ledger
        .settle(entry, next.ledgerStatus(), failure.getMessage())
        .flatMap(
            ignored ->
                switch (next.job()) {
                  case PAIR_PAUSE -> retryAfter(job, error, PAIR_LIMIT_PAUSE, true);
                  case FAIL_REENGAGEMENT -> failNow(job, error, reengagementRequired(ctx));
                  case FAIL -> failNow(job, error, null);
                  case RETRY, AWAIT_STATUS, PAUSE_CHANNEL -> retryOrFail(job, error);
                });
  }

  /**
   * Meta refuses the number itself (its token expired or was revoked, its account is locked):
   * nothing went out, so the ledger row goes back to PENDING; the channel pauses (one notification
   * for all its jobs) and this job waits with it, its attempt given back.
   */
  private Uni<Result> pauseChannel(
      ClaimedJob job,
      JobContext ctx,
      LedgerEntry entry,
      String reason,
      String code,
      String tokenFingerprint) {
    return ledger
        .settle(entry, LedgerStatus.PENDING, reason)
        .flatMap(ignored -> pauses.pause(ctx.channel(), reason, code, tokenFingerprint))
        .flatMap(ignored -> hold(job, ctx.channel(), reason));
  }

  /**
   * The send may have gone out: wait for Meta's status webhook (it closes the ledger row and wakes
   * the job) or the reconcile window, never resend blindly.
   */
  private Uni<Result> awaitStatus(
      ClaimedJob job,
      LedgerEntry entry,
      LedgerStatus status,
      String ledgerError,
      String jobError,
      Duration wait) {
    return ledger
        .awaitStatus(entry, job, status, ledgerError, jobError, wait)
        .map(
            now -> {
              if (now.isEmpty()) {
                return leaseLost(job);
              }
              boolean closed = now.get() == LedgerStatus.SENT || now.get() == LedgerStatus.FAILED;
              Log.infof(
                  closed
                      ? "📬 [OUTBOUND-IDEMPOTENCY] logId=%d closed by Meta's status meanwhile: job %d due now"
                      : "⏳ [OUTBOUND-IDEMPOTENCY] logId=%d outcome unknown; job %d waits %ss for Meta's status before any resend",
                  entry.id(),
                  job.id(),
                  wait.toSeconds());
              return Result.RETRYING;
            });
  }

  private record Alert(String type, String title) {}

  private Uni<Result> retryOrFail(ClaimedJob job, String error) {
    Log.errorf("❌ [JOB-RUNNER] Job %d failed: %s", job.id(), error);
    if (job.lastAttempt()) {
      return failFinally(job, error);
    }
    return retryAfter(
        job, error, Backoff.after(job.attempt(), ThreadLocalRandom.current()::nextDouble), false);
  }

  private Uni<Result> retryAfter(
      ClaimedJob job, String error, Duration delay, boolean giveAttemptBack) {
    Log.infof(
        "🔄 [JOB-RUNNER] Job %d will retry in %s (attempt %d/%d)",
        job.id(), Backoff.seconds(delay), job.attempt(), job.maxAttempts());
    return queue
        .retry(job, delay, error, giveAttemptBack)
        .map(ok -> ok ? Result.RETRYING : leaseLost(job));
  }

  private Uni<Result> failFinally(ClaimedJob job, String error) {
    Log.errorf("❌ [JOB-RUNNER] Job %d failed after %d attempts", job.id(), job.maxAttempts());
    return fail(
        job,
        error,
        new Alert("JOB_FAILED", "Reply failed after " + job.maxAttempts() + " attempts"));
  }

  private Uni<Result> failNow(ClaimedJob job, String error, Alert alert) {
    Log.errorf("❌ [JOB-RUNNER] Job %d failed: %s", job.id(), error);
    return fail(
        job, error, alert == null ? new Alert("JOB_FAILED", "Reply could not be sent") : alert);
  }

  private Uni<Result> fail(ClaimedJob job, String error, Alert alert) {
    return queue
        .fail(job, error)
        .call(
            owned ->
                owned
                    ? queue.notifyOperators(
                        pool,
                        job.conversationId(),
                        alert.type(),
                        alert.title(),
                        "Job " + job.id() + ": " + error)
                    : Uni.createFrom().voidItem())
        .map(owned -> owned ? Result.FAILED : leaseLost(job));
  }

  private static Result leaseLost(ClaimedJob job) {
    Log.warnf(
        "⚠️ [JOB-RUNNER] Job %d lease lost (epoch %d): another worker owns it now; stopping",
        job.id(), job.leaseEpoch());
    return Result.LEASE_LOST;
  }
}
