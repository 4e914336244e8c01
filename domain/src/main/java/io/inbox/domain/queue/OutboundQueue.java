package io.inbox.domain.queue;

/**
 * The contract between the modules that write OutboundJob rows (webhook-service enqueues,
 * admin-service retries and cancels) and job-runner-service, which runs them.
 */
public final class OutboundQueue {

  /**
   * The Postgres channel a writer NOTIFYs (payload: the job id) in the transaction that makes a job
   * due; the runner LISTENs on it. A lost notification only delays a job until the next poll/cron.
   */
  public static final String CHANNEL = "inbox_outbound_job";

  /**
   * The prefix of {@code biz_opaque_callback_data} the runner sends with each message: {@code
   * outbound-log:<OutboundMessageLog.id>}. Meta echoes it in status webhooks, which is how
   * webhook-service closes an UNKNOWN ledger row.
   */
  public static final String CALLBACK_PREFIX = "outbound-log:";

  /**
   * An agent reply's job key ({@code OutboundJob.inboundProviderMessageId}, unique): this prefix
   * and the client's {@code clientMessageId}. The same request twice finds the same job; the
   * ledger's dedupe key is derived from it as from an inbound message id.
   */
  public static final String AGENT_REPLY_KEY_PREFIX = "agent:";

  /**
   * A template send's job key, as {@link #AGENT_REPLY_KEY_PREFIX}: this prefix and the client's
   * {@code clientMessageId}. The job's Message row holds what to send in {@code details}: {@code
   * {"name", "language", "parameters": [values already resolved from the contact]}}.
   */
  public static final String TEMPLATE_KEY_PREFIX = "template:";

  private OutboundQueue() {}
}
