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
    /**
     * The number cannot send at all: its token expired or was revoked (401, 190), its account is
     * locked or the number disabled. No reply of this number can go out until that is mended: the
     * channel pauses, the jobs wait.
     */
    CHANNEL_UNAVAILABLE,
    /** Invalid recipient, bad parameter: sending again cannot help. */
    PERMANENT
  }

  private final Kind kind;
  private final String code;

  /** {@code code}: Meta's error code, else {@code http_<status>}, else {@code network}. */
  public ProviderFailure(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  public ProviderFailure(Kind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * How a provider call ended, as the metrics label it: SENT ({@code failure} null), the failure's
   * kind, or ERROR for anything that is not a ProviderFailure.
   */
  public static String outcome(Throwable failure) {
    if (failure == null) {
      return "SENT";
    }
    return failure instanceof ProviderFailure refused ? refused.kind().name() : "ERROR";
  }

  /** For the failures-by-code metric: a small, fixed set of values. */
  public String code() {
    return code;
  }
}
