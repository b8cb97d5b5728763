package com.quantumedge.supervisor.bench.risk;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sequential latency and bounded in-flight throughput of any {@link CheckClient}. */
final class LatencyDriver {

    record Sequential(double p50Ms, double p99Ms, double maxMs, int samples, double p90Ms, double p999Ms, double meanMs) {

        static Sequential of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Sequential(ms(sorted, 0.50), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6, sorted.length,
                    ms(sorted, 0.90), ms(sorted, 0.999), Arrays.stream(sorted).average().orElse(0) / 1e6);
        }
    }

    record InFlight(double perSecond, double p50Ms, double p99Ms, int requests, int inFlight, Map<String, Integer> answers) {
    }

    static Sequential sequential(CheckClient client, int warmup, int samples) throws Exception {
        return sequential(client, 0, warmup, samples);
    }

    /** Checks numbered from {@code offset}: {@code warmup} unmeasured, then {@code samples} measured one at a time. */
    static Sequential sequential(CheckClient client, int offset, int warmup, int samples) throws Exception {
        for (int i = 0; i < warmup; i++) {
            client.check(offset + i).get(10, TimeUnit.SECONDS);
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            client.check(offset + warmup + i).get(10, TimeUnit.SECONDS);
            nanos[i] = System.nanoTime() - start;
        }
        return Sequential.of(nanos);
    }

    static InFlight inFlight(CheckClient client, int offset, int requests, int inFlight) throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        long[] nanos = new long[requests];
        Map<String, Integer> answers = new TreeMap<>();
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture<?>[requests];
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            permits.acquire();
            int n = i;
            long sent = System.nanoTime();
            all[i] = client.check(offset + i).orTimeout(30, TimeUnit.SECONDS).whenComplete((answer, error) -> {
                nanos[n] = System.nanoTime() - sent;
                if (error != null) {
                    failures.incrementAndGet();
                } else {
                    synchronized (answers) {
                        answers.merge(answer, 1, Integer::sum);
                    }
                }
                permits.release();
            });
        }
        CompletableFuture.allOf(all).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            answers.put("TIMEOUT", failures.get());
        }
        Arrays.sort(nanos);
        return new InFlight(requests / seconds, ms(nanos, 0.50), ms(nanos, 0.99), requests, inFlight, answers);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private LatencyDriver() {
    }
}
