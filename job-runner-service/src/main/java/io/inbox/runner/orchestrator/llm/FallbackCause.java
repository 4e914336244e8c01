package io.inbox.runner.orchestrator.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Why the rules answered instead of the model (a metric tag and an OrchestratorRun column). */
public enum FallbackCause {
  /** No answer within ORCHESTRATOR_TIMEOUT. */
  TIMEOUT,
  /** 429: the endpoint's rate limit or quota. */
  THROTTLED,
  /** 5xx from the endpoint. */
  SERVER_ERROR,
  /** An answer that is not the JSON object asked for. */
  INVALID_OUTPUT,
  /** Anything else: refused connection, 4xx (a wrong key or model name), a client bug. */
  ERROR;

  /** The cause of a failed model call, found anywhere in its chain of causes. */
  public static FallbackCause of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof io.smallrye.mutiny.TimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof dev.langchain4j.exception.TimeoutException) {
        return TIMEOUT;
      }
      if (t instanceof RateLimitException) {
        return THROTTLED;
      }
      if (t instanceof InternalServerException) {
        return SERVER_ERROR;
      }
      if (t instanceof HttpException http) {
        if (http.statusCode() == 429) {
          return THROTTLED;
        }
        if (http.statusCode() >= 500) {
          return SERVER_ERROR;
        }
        return ERROR;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return ERROR;
  }
}
