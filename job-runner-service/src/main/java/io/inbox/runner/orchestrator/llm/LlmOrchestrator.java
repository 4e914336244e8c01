package io.inbox.runner.orchestrator.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.runner.orchestrator.GuardRails;
import io.inbox.runner.orchestrator.Orchestrator;
import io.inbox.runner.orchestrator.OrchestratorSettings;
import io.inbox.runner.orchestrator.RuleBasedOrchestrator;
import io.inbox.runner.orchestrator.llm.OrchestratorRun.Source;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * ORCHESTRATOR=llm: asks an OpenAI-compatible model, with the rules as the floor. The guard rails
 * come first and are code ({@link GuardRails}, the rules' handover words); a job's decision is
 * stored on its OrchestratorRun row before anything is sent, and every later attempt of the job
 * reuses it. A model that times out, throttles, fails or answers nonsense gets the rules' answer
 * instead: a job never fails because the model did.
 */
@Singleton
@Typed(LlmOrchestrator.class)
public class LlmOrchestrator implements Orchestrator {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An error page in a failure's message is cut here before it is logged and stored. */
  private static final int MAX_REASON_CHARS = 500;

  private final RuleBasedOrchestrator rules;
  private final OrchestratorRuns runs;
  private final OrchestratorSettings settings;
  private final MeterRegistry metrics;
  private final ModelClient model;
  private final String business;

  public LlmOrchestrator(
      RuleBasedOrchestrator rules,
      OrchestratorRuns runs,
      OrchestratorSettings settings,
      MeterRegistry metrics) {
    this.rules = rules;
    this.runs = runs;
    this.settings = settings;
    this.metrics = metrics;
    OrchestratorSettings.Llm llm = settings.llm();
    this.model =
        new ModelClient(
            llm.baseUrl().orElseThrow(),
            llm.apiKey().orElse(null),
            llm.model().orElseThrow(),
            settings.timeout(),
            llm.maxAnswerTokens());
    this.business = llm.systemPromptFile().map(LlmOrchestrator::read).orElse("(no details given)");
    Log.infof(
        "🤖 [ORCHESTRATOR] Language model %s at %s, timeout %s, the rules as fallback",
        model.modelName(), llm.baseUrl().get(), settings.timeout());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "LLM_SYSTEM_PROMPT_FILE " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public Uni<Decision> decide(Inbound inbound) {
    if (!GuardRails.answers(inbound.type())) {
      return Uni.createFrom().item(Decision.NONE);
    }
    if (inbound.uncaptionedMedia()) {
      // The model gets text only: it would answer a picture it never saw.
      return Uni.createFrom().item(rules.media(inbound));
    }
    if (rules.asksForPerson(inbound.readable())) {
      return runs.store(
          new OrchestratorRun(
              inbound.jobId(),
              inbound.conversationId(),
              null,
              null,
              null,
              Source.RULES,
              null,
              rules.handover(inbound),
              "the customer asked for a person",
              null,
              null,
              null));
    }
    return runs.storedDecision(inbound.jobId())
        .flatMap(
            stored -> {
              if (stored != null) {
                Log.infof(
                    "♻️ [ORCHESTRATOR] jobId=%d reusing the decision an earlier attempt stored",
                    inbound.jobId());
                return Uni.createFrom().item(stored);
              }
              return ask(inbound);
            });
  }

  private Uni<Decision> ask(Inbound inbound) {
    Context context = Vertx.currentContext();
    Executor back = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
    return runs.history(
            inbound.conversationId(), inbound.messageId(), settings.llm().contextMessages())
        .flatMap(
            history -> {
              List<ChatContext.Turn> chat =
                  ChatContext.chat(
                      business, inbound.contactName(), history, settings.llm().contextTokens());
              long started = System.nanoTime();
              return Uni.createFrom()
                  .item(() -> model.chat(chat))
                  .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                  .ifNoItem()
                  .after(settings.timeout())
                  .fail()
                  .map(answer -> fromModel(inbound, chat, answer, System.nanoTime() - started))
                  .onFailure()
                  .recoverWithItem(
                      failure ->
                          fallback(
                              inbound,
                              chat,
                              null,
                              FallbackCause.of(failure),
                              failure.toString(),
                              null,
                              System.nanoTime() - started))
                  .emitOn(back);
            })
        .flatMap(runs::store);
  }

  private OrchestratorRun fromModel(
      Inbound inbound, List<ChatContext.Turn> chat, ModelClient.Answer answer, long nanos) {
    count("in", answer.tokensIn());
    count("out", answer.tokensOut());
    Optional<ModelAnswer> parsed = ModelAnswer.parse(answer.text());
    if (parsed.isEmpty()) {
      return fallback(
          inbound,
          chat,
          answer,
          FallbackCause.INVALID_OUTPUT,
          "invalid output",
          answer.text(),
          nanos);
    }
    ModelAnswer valid = parsed.get();
    time("MODEL", nanos);
    Log.infof(
        "🤖 [ORCHESTRATOR] jobId=%d model=%s tokensIn=%s tokensOut=%s elapsed=%dms handover=%s",
        inbound.jobId(),
        model.modelName(),
        answer.tokensIn(),
        answer.tokensOut(),
        TimeUnit.NANOSECONDS.toMillis(nanos),
        valid.handover());
    return new OrchestratorRun(
        inbound.jobId(),
        inbound.conversationId(),
        model.modelName(),
        json(chat),
        answer.text(),
        Source.MODEL,
        null,
        new Decision(GuardRails.cap(valid.reply()), valid.handover()),
        valid.reason(),
        answer.tokensIn(),
        answer.tokensOut(),
        TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  private OrchestratorRun fallback(
      Inbound inbound,
      List<ChatContext.Turn> chat,
      ModelClient.Answer answer,
      FallbackCause cause,
      String why,
      String rawAnswer,
      long nanos) {
    if (why.length() > MAX_REASON_CHARS) {
      why = why.substring(0, MAX_REASON_CHARS) + "…";
    }
    time(cause.name(), nanos);
    metrics.counter("orchestrator.llm.fallbacks", "cause", cause.name()).increment();
    Log.warnf(
        "⚠️ [ORCHESTRATOR] jobId=%d model=%s failed (%s: %s) after %dms: the rules answer",
        inbound.jobId(), model.modelName(), cause, why, TimeUnit.NANOSECONDS.toMillis(nanos));
    return new OrchestratorRun(
        inbound.jobId(),
        inbound.conversationId(),
        model.modelName(),
        json(chat),
        rawAnswer,
        Source.RULES,
        cause,
        rules.decideNow(inbound),
        why,
        answer == null ? null : answer.tokensIn(),
        answer == null ? null : answer.tokensOut(),
        TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  private void count(String direction, Integer tokens) {
    if (tokens != null) {
      metrics.counter("orchestrator.llm.tokens", "direction", direction).increment(tokens);
    }
  }

  private void time(String outcome, long nanos) {
    Timer.builder("orchestrator.llm.latency")
        .tag("outcome", outcome)
        .register(metrics)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private static String json(List<ChatContext.Turn> chat) {
    try {
      return JSON.writeValueAsString(chat);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
