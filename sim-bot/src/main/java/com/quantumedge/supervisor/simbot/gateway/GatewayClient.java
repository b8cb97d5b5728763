package com.quantumedge.supervisor.simbot.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.quantumedge.supervisor.simbot.SimBotLog;

/**
 * Posts the bot's JSON to the gateway with its bearer token. Tolerant on purpose: an unreachable or
 * failing gateway is logged and counted, never fatal, because the real bot keeps trading through
 * supervisor outages (orders then count as not allowed: fail closed).
 */
public final class GatewayClient {

    public static final String HEARTBEAT = "/api/v1/heartbeat";
    public static final String RISK_EVALUATE = "/api/v1/risk/evaluate";
    public static final String EXECUTIONS = "/api/v1/executions";

    /** The order check's answer as the bot reads it. */
    public record Verdict(boolean allowed, String code, String reason) {
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastFailureLogged = new AtomicLong();

    public GatewayClient(String baseUrl, String token, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Posts and returns the response, or empty when the gateway could not be reached or answered >= 500. */
    public Optional<HttpResponse<String>> post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                logFailure(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode() >= 500 ? Optional.empty() : Optional.of(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            logFailure(path + " unreachable: " + e);
            return Optional.empty();
        }
    }

    /** Asks whether an order may go out; no answer means not allowed. */
    public Verdict evaluate(String json) {
        return post(RISK_EVALUATE, json)
                .filter(r -> r.statusCode() == 200)
                .map(r -> new Verdict(Boolean.TRUE.equals(Json.booleanField(r.body(), "allowed")),
                        Json.stringField(r.body(), "code"), Json.stringField(r.body(), "reason")))
                .orElse(new Verdict(false, "GATEWAY_UNAVAILABLE", "no answer from the gateway"));
    }

    public long failures() {
        return failures.get();
    }

    private void logFailure(String message) {
        failures.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastFailureLogged.get();
        // At most one line per 5 s: a bot posting every second must not flood its log while the gateway is down.
        if (now - last >= 5000 && lastFailureLogged.compareAndSet(last, now)) {
            SimBotLog.warn("gateway " + message + " (failures so far: " + failures.get() + ")");
        }
    }
}
