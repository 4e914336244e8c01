package io.inbox.runner.outbound;

import io.inbox.runner.outbound.ProviderFailure.Kind;
import java.net.ConnectException;
import java.util.Set;

/**
 * Maps the Cloud API's answers to what the runner does, by Meta's error code first (the HTTP status
 * alone does not tell a throttle from a bad request), then by status.
 */
public final class CloudApiErrors {

  private static final Set<Integer> THROTTLES = Set.of(130429, 131048, 80007, 4, 80004);
  private static final int PAIR_RATE_LIMIT = 131056;
  private static final int REENGAGEMENT = 131047;

  /**
   * The number cannot send: 190 the access token expired or was revoked, 0 an authentication
   * failure, 10 the app lost its permission, 368 the number is blocked for policy violations,
   * 131031 the business account is locked, 133010 the number is not registered.
   */
  private static final Set<Integer> CHANNEL_DOWN = Set.of(0, 10, 190, 368, 131031, 133010);

  private CloudApiErrors() {}

  /**
   * {@code metaError}: whether the body carried Meta's {@code {"error": …}} object. A 5xx without
   * it came from an edge or proxy in front of Meta (an HTML 502, an empty 504): the request may
   * have reached Meta and been sent, so the outcome is unknown, not "not sent".
   */
  public static Kind classify(int httpStatus, Integer errorCode, boolean metaError) {
    if (httpStatus >= 500 && !metaError) {
      return Kind.UNKNOWN_OUTCOME;
    }
    if (errorCode != null) {
      if (errorCode == PAIR_RATE_LIMIT) {
        return Kind.PAIR_LIMIT;
      }
      if (THROTTLES.contains(errorCode)) {
        return Kind.THROTTLED;
      }
      if (errorCode == REENGAGEMENT) {
        return Kind.REENGAGEMENT_REQUIRED;
      }
      if (CHANNEL_DOWN.contains(errorCode)) {
        return Kind.CHANNEL_UNAVAILABLE;
      }
    }
    if (httpStatus == 401) {
      return Kind.CHANNEL_UNAVAILABLE;
    }
    if (httpStatus == 429) {
      return Kind.THROTTLED;
    }
    if (httpStatus >= 500) {
      return Kind.NOT_SENT;
    }
    return Kind.PERMANENT;
  }

  /**
   * A failure without an HTTP answer: a refused or timed-out connection means the request never
   * left; anything later (read timeout, reset) means it may have been delivered.
   */
  public static Kind classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        return Kind.NOT_SENT;
      }
    }
    return Kind.UNKNOWN_OUTCOME;
  }
}
