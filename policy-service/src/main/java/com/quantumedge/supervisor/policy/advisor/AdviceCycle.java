package com.quantumedge.supervisor.policy.advisor;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.OperatorCommand;

/**
 * One advice round for one bot: ask the model about the bot's view, read the answer strictly, let
 * the trust policy decide, publish. Failures of any kind end the round without advice and raise
 * at most one alert per change between available and unavailable; nothing here ever throws to
 * the caller or touches trading state on a failure.
 */
final class AdviceCycle {

    private static final Logger log = LoggerFactory.getLogger(AdviceCycle.class);
    private static final int MAX_LOGGED_ANSWER_CHARS = 200;

    private final ResilientChatClient chat;
    private final TrustPolicy trust;
    private final AdvisorRecords records;
    private final AdvisorOutput output;
    private final AdvisorHealth health;
    private final AdvisorMetrics metrics;
    private final double minRiskMultiplier;
    private final Clock clock;

    AdviceCycle(ResilientChatClient chat, TrustPolicy trust, AdvisorRecords records, AdvisorOutput output,
            AdvisorHealth health, AdvisorMetrics metrics, double minRiskMultiplier, Clock clock) {
        this.chat = chat;
        this.trust = trust;
        this.records = records;
        this.output = output;
        this.health = health;
        this.metrics = metrics;
        this.minRiskMultiplier = minRiskMultiplier;
        this.clock = clock;
    }

    /** Starts the round and returns at once; the stage completes (never exceptionally) when the round is settled. */
    CompletionStage<Void> advise(BotView view) {
        return advise(view, null);
    }

    /**
     * The same for an operator's LLM_CHECK ({@code request}, null for a scheduled round): then the outcome is
     * always published under the request's command id, advice that a round would keep silent and failures included.
     */
    CompletionStage<Void> advise(BotView view, CheckRequest request) {
        CompletionStage<String> answer;
        try {
            answer = chat.complete(AdvisorPrompt.of(view, clock.millis(), minRiskMultiplier));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((content, error) -> {
            settle(view, request, content, error);
            return null;
        });
    }

    /** Answers an LLM_CHECK that will not be taken up. */
    void refuse(CheckRequest request, String why) {
        log.info("LLM check of bot {} by {} refused: {}", request.botId(), request.issuedBy(), why);
        output.publish(records.checkRefused(request, why, clock.millis()));
    }

    private void settle(BotView view, CheckRequest request, String content, Throwable error) {
        try {
            if (error != null) {
                metrics.call("failed");
                failed(view.botId(), request, FailureKind.of(error), FailureKind.unwrap(error).toString());
                return;
            }
            Advice advice;
            try {
                advice = AdviceParser.parse(content);
            } catch (MalformedAdviceException e) {
                metrics.call("rejected");
                failed(view.botId(), request, FailureKind.BAD_ADVICE, e.getMessage() + " in answer " + abbreviate(content));
                return;
            }
            metrics.call("advice");
            metrics.advice(advice.action());
            recovered(view.botId());
            act(view, request, advice);
        } catch (RuntimeException e) {
            log.error("Advice round for bot {} could not be settled", view.botId(), e);
        }
    }

    private void act(BotView view, CheckRequest request, Advice advice) {
        TrustDecision decision = trust.decide(advice, view);
        log.info("Bot {}: LLM advises {} ({}){}: {}", view.botId(), advice.action(), decision.outcome(),
                request == null ? "" : ", asked by " + request.issuedBy(), advice.reason());
        long nowMs = clock.millis();
        if (decision.applies()) {
            OperatorCommand command = records.command(view, advice, decision, nowMs, request);
            output.publish(command);
            metrics.applied(command.getCommandType());
        }
        if (decision.announce() || request != null) {
            output.publish(records.advice(view, advice, decision, nowMs, request));
        }
    }

    private void failed(String botId, CheckRequest request, FailureKind kind, String detail) {
        if (request != null) {
            output.publish(records.checkFailed(request, kind, clock.millis()));
        }
        failed(botId, kind, detail);
    }

    private void failed(String botId, FailureKind kind, String detail) {
        metrics.failure(kind);
        if (health.failed(botId)) {
            log.warn("LLM advisor unavailable for bot {} ({}): {}", botId, kind.tag(), detail);
            output.publish(records.unavailable(botId, kind, clock.millis()));
        } else {
            log.debug("LLM advice for bot {} failed again ({}): {}", botId, kind.tag(), detail);
        }
    }

    private void recovered(String botId) {
        int failedRounds = health.succeeded(botId);
        if (failedRounds > 0) {
            log.info("LLM advisor available again for bot {} after {} failed rounds", botId, failedRounds);
            output.publish(records.recovered(botId, failedRounds, clock.millis()));
        }
    }

    private static String abbreviate(String content) {
        String oneLine = String.valueOf(content).replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_LOGGED_ANSWER_CHARS ? oneLine : oneLine.substring(0, MAX_LOGGED_ANSWER_CHARS) + "…";
    }
}
