/**
 * The Kafka Streams runtime of risk-stream and policy-service: a {@link
 * com.quantumedge.supervisor.runtime.streams.StreamsApp} (topology and own keys) is run as a {@link
 * com.quantumedge.supervisor.runtime.streams.SupervisedStreams} (configuration from {@code spring.kafka.*},
 * state listener, thread replacement and client restart, meters), reported by a {@link
 * com.quantumedge.supervisor.runtime.streams.StreamsReadiness} health indicator.
 */
package com.quantumedge.supervisor.runtime.streams;
