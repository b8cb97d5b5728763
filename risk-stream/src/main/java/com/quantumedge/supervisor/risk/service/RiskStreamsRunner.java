package com.quantumedge.supervisor.risk.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.risk.config.RiskStreamProperties;
import com.quantumedge.supervisor.risk.topology.RiskStreamsConfig;
import com.quantumedge.supervisor.risk.topology.RiskTopology;
import com.quantumedge.supervisor.risk.topology.TopologySettings;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.schemas.kafka.StreamsGroupExit;

/**
 * Runs the risk topology for the lifetime of the Spring context: publishes configured limits,
 * starts the streams, and closes them gracefully on shutdown.
 */
@Component
public class RiskStreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RiskStreamsRunner.class);

    private final RiskStreamProperties properties;
    private final KafkaClientSettings kafka;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public RiskStreamsRunner(RiskStreamProperties properties, KafkaClientSettings kafka, MeterRegistry registry) {
        this.properties = properties;
        this.kafka = kafka;
        this.registry = registry;
    }

    @Override
    public synchronized void start() {
        if (properties.limits().publishOnStartup()) {
            new RiskLimitsPublisher(kafka, Clock.systemUTC()).publish(properties.limits());
        }
        RiskStreamProperties.Streams s = properties.streams();
        TopologySettings settings = new TopologySettings(properties.book().settings(),
                properties.book().riskStateInterval(), properties.book().execIdRetention(), Clock.systemUTC(),
                new MicrometerRiskMetrics(registry));
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.buildTopology(builder, settings);
        Topology topology = builder.build();
        Properties config = RiskStreamsConfig.properties(kafka, s.applicationId(), s.resolvedStateDir(),
                s.commitInterval(), s.poll(), s.lingerMs(), s.threads(), s.standbyReplicas(),
                s.stateCacheMaxBytes());
        KafkaStreams created = new KafkaStreams(topology, config);
        created.setUncaughtExceptionHandler(e -> {
            log.error("Risk stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((to, from) -> log.info("Risk streams {} -> {}", from, to));
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(registry);
        created.start();
        streams = created;
        log.info("Risk streams started: application {} on {}", s.applicationId(), kafka.bootstrapServers());
    }

    @Override
    public synchronized void stop() {
        KafkaStreams s = streams;
        if (s != null) {
            s.close(Duration.ofSeconds(10));
            // Out of the group now: a restarted instance is assigned at once instead of after this member's
            // session timeout, during which every order check would be denied.
            StreamsGroupExit.leave(kafka, properties.streams().applicationId(), Duration.ofSeconds(5));
            streams = null;
            if (streamsMetrics != null) {
                streamsMetrics.close();
            }
            log.info("Risk streams closed");
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }
}
