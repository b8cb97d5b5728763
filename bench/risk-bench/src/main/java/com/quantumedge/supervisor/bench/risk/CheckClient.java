package com.quantumedge.supervisor.bench.risk;

import java.util.concurrent.CompletableFuture;

/**
 * One round trip of an order check: completes when the answer arrives. Implemented over Kafka
 * (request topic to decision topic), by a raw produce-consume loop as the baseline, and later by
 * an HTTP client pointed at the gateway.
 */
public interface CheckClient extends AutoCloseable {

    /** Sends check number {@code i} and completes with the answer's code (or "echo" for the raw loop). */
    CompletableFuture<String> check(int i);

    String name();

    @Override
    void close();
}
