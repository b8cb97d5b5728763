package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.AdminClientConfig;

import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import picocli.CommandLine.Option;

/** {@code --bootstrap}/{@code --kafka-config}/{@code --home} options shared by commands that talk to Kafka. */
final class KafkaEndpoint {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: the --kafka-config file's bootstrap.servers,"
            + " then $KAFKA_BOOTSTRAP, then <home>/local.env)")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client settings, Java properties as for Kafka's"
            + " own --command-config (security.protocol, sasl.*, ssl.*, ...), used by every client of the command")
    Path kafkaConfig;

    @Option(names = "--home", description = "Runtime directory (default: $SUPERVISOR_HOME or .supervisor)")
    Path home;

    String bootstrapServers() {
        if (bootstrap != null) {
            return bootstrap;
        }
        return Optional.ofNullable(fileSettings().getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))
                .or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP")).filter(s -> !s.isBlank()))
                .or(() -> home().env("KAFKA_BOOTSTRAP"))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no Kafka: pass --bootstrap, set KAFKA_BOOTSTRAP, or start the local stack (./supervisor up)"));
    }

    SupervisorHome home() {
        return SupervisorHome.resolve(home);
    }

    /**
     * What every client of the command is built from: timeouts that fail within seconds, not minutes,
     * when the broker is away, then the {@code --kafka-config} file (which may change them too), then
     * the bootstrap address. Each client adds its own keys (client id, offsets) on top.
     */
    KafkaClientSettings settings() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        fileSettings().forEach((key, value) -> config.put((String) key, value));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return KafkaClientSettings.of(config);
    }

    private Properties fileSettings() {
        Properties settings = new Properties();
        if (kafkaConfig != null) {
            try (Reader in = Files.newBufferedReader(kafkaConfig)) {
                settings.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --kafka-config " + kafkaConfig + ": " + e.getMessage(), e);
            }
        }
        return settings;
    }
}
