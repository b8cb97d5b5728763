package com.quantumedge.supervisor.policy.advisor;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.OperatorCommand;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The advisor assembled, without Kafka: inputs in, rounds on a schedule, records out. Its threads
 * are its own (a scheduler for rounds, backoff waits and time limits; the HTTP client's pool for
 * answers), so a slow or hanging model holds up neither the policy's stream threads nor the
 * consumer feeding the inputs, nor other bots' calls.
 */
public final class Advisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Advisor.class);

    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpExecutor;
    private final ResilientChatClient chat;
    private final AdvisorInputs inputs;
    private final AdvisorRounds rounds;
    private final TrustMode mode;

    public Advisor(AdvisorProperties settings, ApiKey apiKey, AdvisorOutput output, MeterRegistry registry, Clock clock) {
        scheduler = Executors.newScheduledThreadPool(2, daemonThreads("policy-advisor"));
        httpExecutor = Executors.newCachedThreadPool(daemonThreads("policy-advisor-http"));
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .executor(httpExecutor)
                // No h2c upgrade attempts on plain http: some local model servers mishandle them, and calls are few.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        chat = new ResilientChatClient(new ChatCompletionsClient(http, settings, apiKey), settings, scheduler);
        AdvisorMetrics metrics = new AdvisorMetrics(registry, chat.breaker(), chat.retry());
        inputs = new AdvisorInputs(settings.recentEvents());
        AdviceCycle cycle = new AdviceCycle(chat, new TrustPolicy(settings.mode(), settings.minRiskMultiplier()),
                new AdvisorRecords(settings.model()), output, new AdvisorHealth(), metrics, settings.minRiskMultiplier(), clock);
        rounds = new AdvisorRounds(inputs, cycle, settings.maxConcurrentCalls());
        mode = settings.mode();
    }

    /** Runs a round every {@code interval}, the first one after one interval. */
    public void scheduleRounds(Duration interval) {
        long ms = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::scheduledRound, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void scheduledRound() {
        try {
            startRound();
        } catch (RuntimeException e) {
            // Never let one failure cancel the schedule: the next round tries again.
            log.warn("Advice round failed: {}", e.toString());
        }
    }

    /** Starts the round's calls and returns without waiting for any; how many it started. */
    public int startRound() {
        return rounds.startRound();
    }

    /**
     * An operator's LLM_CHECK of one bot: reviewed now, answered on the events topic under its command id.
     * In mode off the advisor publishes nothing, so it leaves the command to the policy, which rejects it.
     */
    public void checkNow(OperatorCommand command) {
        if (mode == TrustMode.OFF) {
            return;
        }
        rounds.checkNow(CheckRequest.of(command));
    }

    public AdvisorInputs inputs() {
        return inputs;
    }

    public int callsInFlight() {
        return rounds.inFlight();
    }

    public CircuitBreaker.State breakerState() {
        return chat.breaker().getState();
    }

    CircuitBreaker breaker() {
        return chat.breaker();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
