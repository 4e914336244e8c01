package io.inbox.runner.processing;

import static io.inbox.runner.processing.JobEndings.leaseLost;

import io.inbox.domain.channel.TemplateParameters;
import io.inbox.domain.logging.PhoneMask;
import io.inbox.domain.queue.JobKind;
import io.inbox.domain.queue.LedgerStatus;
import io.inbox.runner.channel.TemplateMessages;
import io.inbox.runner.outbound.Content;
import io.inbox.runner.outbound.LedgerEntry;
import io.inbox.runner.outbound.OutboundLedger;
import io.inbox.runner.outbound.SendDecision;
import io.inbox.runner.processing.JobEndings.Alert;
import io.inbox.runner.processing.JobProcessor.Result;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobContext;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The customer's 24-hour window has closed: no text reaches them any more, only a template. The
 * re-engagement template is handed back to the caller ({@link LedgerSend}) to go out through the
 * ledger as any reply does: sending it from here would make the two beans depend on each other.
 */
@ApplicationScoped
class ClosedWindow {

  private final OutboundLedger ledger;
  private final JobQueue queue;
  private final Pool pool;

  ClosedWindow(OutboundLedger ledger, JobQueue queue, Pool pool) {
    this.ledger = ledger;
    this.queue = queue;
    this.pool = pool;
  }

  /** A text about to go out (again) after the customer's 24-hour window closed. */
  static boolean closedFor(Outgoing out, JobContext ctx) {
    return out.template() == null && !ctx.windowOpen();
  }

  /**
   * Meta refuses a text once the customer's 24-hour window has closed (131047): it is not sent. Its
   * ledger row says why (so a later attempt knows), and a bot reply becomes the re-engagement
   * template; an agent's text is left unsent, its row FAILED, for the agent to send a template. The
   * row is judged first (sent, or awaiting Meta's status, it is recorded or waited for as any).
   */
  Uni<Result> closedWindow(ClaimedJob job, LedgerEntry entry, Supplier<Uni<Result>> reengage) {
    Log.infof(
        "⏰ [JOB-RUNNER] Job %d: the customer's 24-hour window has closed; no text can reach them",
        job.id());
    Uni<Void> settled = ledger.settle(entry, LedgerStatus.FAILED, SendDecision.WINDOW_CLOSED);
    if (job.kind() == JobKind.REPLY) {
      return settled.flatMap(ignored -> reengage.get());
    }
    return settled
        .flatMap(ignored -> queue.completeUnsent(job, "24-hour window closed: send a template"))
        .map(completed -> completed ? Result.DONE : leaseLost(job));
  }

  /**
   * Outside the 24-hour window only a template reaches the customer: the channel's re-engagement
   * template, filled from the contact, as the reply's second ledger entry (so it is sent once, and
   * never mistaken for the text), handed to {@code reserveAndSend} with what the inbox shows of it.
   * Without one the job is CANCELLED and operators are told.
   */
  Uni<Result> reengage(
      ClaimedJob job,
      JobContext ctx,
      String handoverFor,
      BiFunction<Outgoing, String, Uni<Result>> reserveAndSend) {
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
    return reserveAndSend.apply(out, template.readable());
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

  static Alert reengagementRequired(JobContext ctx) {
    return new Alert(
        "REENGAGEMENT_REQUIRED",
        "24-hour window closed: send a template to reach " + PhoneMask.mask(ctx.phone()));
  }
}
