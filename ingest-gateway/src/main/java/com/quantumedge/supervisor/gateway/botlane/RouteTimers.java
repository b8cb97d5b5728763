package com.quantumedge.supervisor.gateway.botlane;

import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code http.server.requests} timers of one lane route, tagged exactly as Spring tags the requests
 * it dispatches, so dashboards and alerts see one series per route and status whichever path served
 * it. Looked up by status without building a meter id per request.
 */
final class RouteTimers {

    private final MeterRegistry meters;
    private final String uri;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(600);

    RouteTimers(MeterRegistry meters, String uri) {
        this.meters = meters;
        this.uri = uri;
    }

    void record(int status, long nanos) {
        int index = status >= 100 && status < 600 ? status : 0;
        Timer timer = byStatus.get(index);
        if (timer == null) {
            timer = register(index);
            byStatus.set(index, timer);
        }
        timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer register(int status) {
        return Timer.builder("http.server.requests")
                .tag("method", "POST")
                .tag("uri", uri)
                .tag("status", status == 0 ? "UNKNOWN" : Integer.toString(status))
                .tag("outcome", outcome(status))
                .tag("exception", "none")
                .tag("error", "none")
                .register(meters);
    }

    private static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "UNKNOWN";
    }
}
