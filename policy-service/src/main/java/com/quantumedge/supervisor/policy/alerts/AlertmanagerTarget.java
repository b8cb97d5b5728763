package com.quantumedge.supervisor.policy.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.runtime.RestartBackoff;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One Alertmanager URL and where the notifier stands with it: whether it still lacks the latest
 * change, when it last took the full set, and, after a failure, when to try again (backoff per URL,
 * so one Alertmanager down never delays another). At most one POST in flight per URL.
 */
final class AlertmanagerTarget {

    static final String POSTS_METRIC = "alertmanager.posts";
    private static final Logger log = LoggerFactory.getLogger(AlertmanagerTarget.class);

    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final RestartBackoff backoff;
    private final Counter ok;
    private final Counter failed;
    private boolean changed = true;
    private boolean inFlight;
    private Instant lastSent = Instant.EPOCH;
    private Instant nextAttempt = Instant.EPOCH;
    private Duration failedWait;

    AlertmanagerTarget(URI base, HttpClient http, Duration timeout, RestartBackoff backoff, MeterRegistry meters) {
        String root = base.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(root + "/api/v2/alerts");
        this.http = http;
        this.timeout = timeout;
        this.backoff = backoff;
        this.ok = counter(meters, root, "ok");
        this.failed = counter(meters, root, "failed");
    }

    private static Counter counter(MeterRegistry meters, String url, String outcome) {
        return Counter.builder(POSTS_METRIC).description("POSTs of the alert set to an Alertmanager")
                .tag("url", url).tag("outcome", outcome).register(meters);
    }

    URI endpoint() {
        return endpoint;
    }

    synchronized void markChanged() {
        changed = true;
    }

    /** True if this URL should get the set now: changed or due for a resend, not backing off, none in flight. */
    synchronized boolean due(Instant now, Duration resendInterval) {
        if (inFlight || now.isBefore(nextAttempt)) {
            return false;
        }
        return changed || !now.isBefore(lastSent.plus(resendInterval));
    }

    /** Sends {@code body} (the whole current set) unless one is in flight; the outcome updates the schedule. */
    synchronized CompletableFuture<Void> post(String body, Instant now) {
        if (inFlight) {
            return CompletableFuture.completedFuture(null);
        }
        inFlight = true;
        changed = false;
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        succeeded(now);
                    } else {
                        failed(Instant.now(), error != null ? error.toString() : "HTTP " + response.statusCode() + " " + response.body());
                    }
                    return null;
                });
    }

    private synchronized void succeeded(Instant at) {
        if (failedWait != null) {
            log.info("Alertmanager {} reachable again: the current alerts were sent", endpoint);
        }
        ok.increment();
        inFlight = false;
        lastSent = at;
        failedWait = null;
        nextAttempt = Instant.EPOCH;
    }

    private synchronized void failed(Instant at, String why) {
        failed.increment();
        inFlight = false;
        changed = true; // whatever it missed goes with the next attempt
        failedWait = failedWait == null ? backoff.initial() : backoff.after(failedWait);
        nextAttempt = at.plus(failedWait);
        log.warn("Alertmanager {} did not take the alerts ({}); next attempt in {} ms. Paging through it is down; supervision goes on.",
                endpoint, why, failedWait.toMillis());
    }
}
