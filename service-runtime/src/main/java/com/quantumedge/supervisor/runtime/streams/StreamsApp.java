package com.quantumedge.supervisor.runtime.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.kafka.streams.Topology;

/**
 * One Kafka Streams application as the runtime runs it.
 *
 * @param name          short name in logs, meters ({@code app} tag) and health details, e.g. {@code risk}
 * @param applicationId Streams {@code application.id}: consumer group and prefix of internal topics
 * @param stateDir      Streams {@code state.dir}
 * @param topology      builds the topology; called again for every restart of the client
 * @param ownConfig     the app's own Streams keys; they win over {@code spring.kafka.*}, which supplies the rest
 *                      (connection, security, {@code replication.factor}, {@code num.standby.replicas}, ...)
 * @param closeTimeout  how long closing waits for the stream threads to finish and commit
 */
public record StreamsApp(String name, String applicationId, String stateDir, Supplier<Topology> topology,
        Map<String, ?> ownConfig, Duration closeTimeout) {

    public StreamsApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(topology, "topology");
        ownConfig = Map.copyOf(ownConfig);
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }
}
