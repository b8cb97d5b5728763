package com.quantumedge.supervisor.runtime.streams;

import io.micrometer.core.instrument.MeterRegistry;

import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** Makes the {@link SupervisedStreams} of a service's Streams apps, all from the same settings. */
public final class StreamsRuntime {

    private final KafkaClientSettings kafka;
    private final MeterRegistry registry;
    private final StreamsSupervisionProperties supervision;

    public StreamsRuntime(KafkaClientSettings kafka, MeterRegistry registry, StreamsSupervisionProperties supervision) {
        this.kafka = kafka;
        this.registry = registry;
        this.supervision = supervision;
    }

    public SupervisedStreams supervise(StreamsApp app) {
        return new SupervisedStreams(app, kafka, registry, supervision);
    }

    public KafkaClientSettings kafka() {
        return kafka;
    }
}
