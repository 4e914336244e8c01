package io.inbox.runner.outbound;

/** Why a send did not return a message id, sorted by what the runner must do about it. */
public class ProviderFailure extends RuntimeException {

  /** The runner's decision for each kind. */
  public enum Kind {
    /**
     * The request never reached Meta (connection refused) or Meta itself answered a 5xx with its
     * error JSON: resend.
     */
    NOT_SENT,
    /** Throughput or spam limits (130429, 131048, 80007, HTTP 429): resend after backoff. */
    THROTTLED,
    /** Too many messages to this recipient (131056): resend in ~6 s, not the job's fault. */
    PAIR_LIMIT,
    /**
     * The answer was lost (timeout, reset, a 5xx from an edge without Meta's error JSON): it may
     * have been sent. Never resend blindly.
     */
    UNKNOWN_OUTCOME,
    /** The 24-hour window closed (131047): only a template can reach the customer now. */
    REENGAGEMENT_REQUIRED,
    /** Invalid recipient, bad parameter, auth: sending again cannot help. */
    PERMANENT
  }

  private final Kind kind;

  public ProviderFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ProviderFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
