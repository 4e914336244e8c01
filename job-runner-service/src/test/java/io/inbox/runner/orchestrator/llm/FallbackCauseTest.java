package io.inbox.runner.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FallbackCauseTest {

  @Test
  void eachFailureHasItsCauseWhereverItSitsInTheChain() {
    assertEquals(
        FallbackCause.TIMEOUT, FallbackCause.of(new io.smallrye.mutiny.TimeoutException()));
    assertEquals(
        FallbackCause.TIMEOUT,
        FallbackCause.of(new RuntimeException(new HttpTimeoutException("request timed out"))));
    assertEquals(
        FallbackCause.TIMEOUT,
        FallbackCause.of(new dev.langchain4j.exception.TimeoutException("slow")));
    assertEquals(FallbackCause.THROTTLED, FallbackCause.of(new RateLimitException("quota")));
    assertEquals(
        FallbackCause.THROTTLED,
        FallbackCause.of(new CompletionException(new HttpException(429, "slow down"))));
    assertEquals(FallbackCause.SERVER_ERROR, FallbackCause.of(new InternalServerException("oops")));
    assertEquals(FallbackCause.SERVER_ERROR, FallbackCause.of(new HttpException(500, "x")));
    assertEquals(FallbackCause.SERVER_ERROR, FallbackCause.of(new HttpException(503, "x")));
    assertEquals(FallbackCause.ERROR, FallbackCause.of(new HttpException(499, "x")));
    assertEquals(FallbackCause.ERROR, FallbackCause.of(new HttpException(400, "bad model")));
    assertEquals(FallbackCause.ERROR, FallbackCause.of(new AuthenticationException("key")));
    assertEquals(
        FallbackCause.ERROR, FallbackCause.of(new RuntimeException(new ConnectException("no"))));
    assertEquals(FallbackCause.ERROR, FallbackCause.of(new IOException("reset")));
  }
}
