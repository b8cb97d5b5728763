/**
 * What every service runs its Kafka clients on, so that none of them can stop working silently:
 * {@code runtime.listener} (spring-kafka listener containers with the dead-letter recoverer,
 * supervised, in readiness and metrics) and {@code runtime.streams} (the Kafka Streams runtime of
 * risk-stream and policy-service: configuration, state listener, uncaught-exception handler, health).
 */
package com.quantumedge.supervisor.runtime;
