package com.quantumedge.supervisor.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.AdminClientConfig;

import picocli.CommandLine.Option;

/** {@code --bootstrap}/{@code --home} options shared by commands that talk to Kafka. */
final class KafkaEndpoint {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP, then <home>/local.env)")
    String bootstrap;

    @Option(names = "--home", description = "Runtime directory (default: $SUPERVISOR_HOME or .supervisor)")
    Path home;

    String bootstrapServers() {
        if (bootstrap != null) {
            return bootstrap;
        }
        return Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP")).filter(s -> !s.isBlank())
                .or(() -> home().env("KAFKA_BOOTSTRAP"))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no Kafka: pass --bootstrap, set KAFKA_BOOTSTRAP, or start the local stack (./supervisor up)"));
    }

    SupervisorHome home() {
        return SupervisorHome.resolve(home);
    }

    /** Client settings that fail within seconds, not minutes, when the broker is away. */
    Map<String, Object> clientConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    }
}
