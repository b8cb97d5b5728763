package com.quantumedge.supervisor.bench.gatewayload;

import java.util.Arrays;

/** Exact latencies of one measured phase (every request's nanos), summarized as rate and percentiles. */
final class LatencyRecorder {

    private final long[] nanos;
    private int count;
    private int errors;

    LatencyRecorder(int capacity) {
        this.nanos = new long[capacity];
    }

    synchronized void record(long latencyNanos, boolean ok) {
        if (!ok) {
            errors++;
        }
        if (count < nanos.length) {
            nanos[count++] = latencyNanos;
        }
    }

    synchronized Summary summarize(String name, long elapsedNanos) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Summary(name, count, errors, count / (elapsedNanos / 1e9),
                percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    record Summary(String name, int requests, int errors, double perSecond, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
        @Override
        public String toString() {
            return String.format("%-28s %9d req %6d err %10.0f /s   p50 %7.2f ms   p99 %7.2f ms   p99.9 %7.2f ms   max %7.2f ms",
                    name, requests, errors, perSecond, p50Ms, p99Ms, p999Ms, maxMs);
        }
    }
}
