package io.inbox.runner.processing;

import static io.inbox.runner.processing.JobEndings.leaseLost;

import io.inbox.domain.logging.PhoneMask;
import io.inbox.domain.queue.JobKind;
import io.inbox.runner.channel.ChannelPauses;
import io.inbox.runner.channel.ChannelSenders;
import io.inbox.runner.channel.SendingChannel;
import io.inbox.runner.channel.TemplateMessages;
import io.inbox.runner.health.SchemaGate;
import io.inbox.runner.orchestrator.Orchestrator;
import io.inbox.runner.orchestrator.Orchestrator.Decision;
import io.inbox.runner.outbound.Content;
import io.inbox.runner.outbound.OutboundLedger;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobContext;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
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

  private final Orchestrator orchestrator;
  private final JobQueue queue;
  private final Pool pool;
  private final JobMetrics metrics;
  private final SchemaGate schema;
  private final JobScope scope;
  private final ChannelSenders senders;
  private final ChannelPauses pauses;
  private final JobEndings endings;
  private final LedgerSend ledgerSend;

  public JobProcessor(
      Orchestrator orchestrator,
      JobQueue queue,
      Pool pool,
      JobMetrics metrics,
      SchemaGate schema,
      JobScope scope,
      ChannelSenders senders,
      ChannelPauses pauses,
      JobEndings endings,
      LedgerSend ledgerSend) {
    this.senders = senders;
    this.pauses = pauses;
    this.schema = schema;
    this.scope = scope;
    this.orchestrator = orchestrator;
    this.queue = queue;
    this.pool = pool;
    this.metrics = metrics;
    this.endings = endings;
    this.ledgerSend = ledgerSend;
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
      return endings.failFinally(job, "lease expired on every attempt");
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
        .recoverWithUni(failure -> endings.retryOrFail(job, "Unexpected: " + failure.getMessage()))
        .invoke(result -> metrics.ended(result, started));
  }

  private Uni<Result> withContext(ClaimedJob job, JobContext ctx) {
    if (ctx == null) {
      return endings.failNow(job, "Conversation " + job.conversationId() + " not found", null);
    }
    Log.infof(
        "✅ [JOB-RUNNER] Conversation loaded jobId=%d requestId=%s conversationId=%d contactId=%d leadId=%s",
        job.id(), job.requestId(), ctx.conversationId(), ctx.contactId(), ctx.leadId());
    if (ctx.channel() == null) {
      return endings.failNow(
          job, "No channel to send from: the default channel row is missing", null);
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
      return endings.hold(job, channel, channel.pausedReason());
    }
    return pauses
        .resume(channel.id(), channel.name(), "its token was replaced")
        .flatMap(resumed -> sending.get());
  }

  private Uni<Result> botReply(ClaimedJob job, JobContext ctx) {
    Log.infof(
        "📥 [JOB-RUNNER] Loading inbound message jobId=%d requestId=%s inboundMessageId=%s",
        job.id(), job.requestId(), job.inboundProviderMessageId());
    if (ctx.inboundMessageId() == null) {
      return endings.failNow(
          job, "Inbound message " + job.inboundProviderMessageId() + " not found", null);
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
    return ledgerSend.reserveAndSend(job, ctx, text, decision.reply());
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
      return endings.failNow(job, what + " " + job.outboundMessageId() + " not found", null);
    }
    if (job.kind() == JobKind.TEMPLATE && template == null) {
      return endings.failNow(
          job, what + " " + job.outboundMessageId() + " has no readable template", null);
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
    return whenChannelSends(
        job, ctx, () -> ledgerSend.reserveAndSend(job, ctx, out, ctx.agentReplyBody()));
  }
}
