package com.quantumedge.supervisor.risk.service;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.risk.config.RiskStreamProperties;
import com.quantumedge.supervisor.risk.topology.RiskMetrics;
import com.quantumedge.supervisor.risk.topology.RiskStreamsConfig;
import com.quantumedge.supervisor.risk.topology.RiskTopology;
import com.quantumedge.supervisor.risk.topology.TopologySettings;
import com.quantumedge.supervisor.runtime.streams.StreamsApp;
import com.quantumedge.supervisor.runtime.streams.StreamsRuntime;
import com.quantumedge.supervisor.runtime.streams.SupervisedStreams;

/**
 * Runs the risk topology on the shared Streams runtime for the lifetime of the Spring context:
 * publishes configured limits, then starts the supervised streams; closes them on shutdown.
 */
@Component
public class RiskStreamsRunner implements SmartLifecycle {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final RiskStreamProperties properties;
    private final StreamsRuntime runtime;
    private final SupervisedStreams streams;

    public RiskStreamsRunner(RiskStreamProperties properties, StreamsRuntime runtime, RiskMetrics metrics) {
        this.properties = properties;
        this.runtime = runtime;
        RiskStreamProperties.Streams s = properties.streams();
        TopologySettings settings = new TopologySettings(properties.book().settings(),
                properties.book().riskStateInterval(), properties.book().execIdRetention(), Clock.systemUTC(), metrics);
        this.streams = runtime.supervise(new StreamsApp("risk", s.applicationId(), s.resolvedStateDir(),
                () -> topology(settings),
                RiskStreamsConfig.ownKeys(s.commitInterval(), s.poll(), s.lingerMs(), s.threads(), s.standbyReplicas(),
                        s.stateCacheMaxBytes()),
                CLOSE_TIMEOUT));
    }

    private static Topology topology(TopologySettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.buildTopology(builder, settings);
        return builder.build();
    }

    @Override
    public void start() {
        if (properties.limits().publishOnStartup()) {
            new RiskLimitsPublisher(runtime.kafka(), Clock.systemUTC()).publish(properties.limits());
        }
        streams.start();
    }

    @Override
    public void stop() {
        streams.stop();
    }

    @Override
    public boolean isRunning() {
        return streams.isActive();
    }

    public SupervisedStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }
}
