package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientsProbe;

import picocli.CommandLine;

class KafkaConfigOptionTest {

    @Test
    @DisplayName("--kafka-config settings reach every client of the commands that talk to Kafka (topics: admin, tail: consumer)")
    void reachesEveryClient() throws IOException {
        String bootstrap = SharedKafkaBroker.bootstrapServers(); // the broker and its own admin client first, outside the probe
        Path file = write(KafkaClientsProbe.commandConfig());
        try (KafkaClientsProbe probe = KafkaClientsProbe.open()) {
            new CommandLine(new TopicsCommand()).execute("--bootstrap", bootstrap, "--kafka-config", file.toString());
            CliRun tail = CliRun.of(new TailCommand(), (c, out) -> c.out = out, List.of("heartbeats", "--bootstrap", bootstrap,
                    "--kafka-config", file.toString(), "--max", "1", "--idle-exit", "1s"));

            assertThat(tail.exit()).isZero();
            assertThat(probe.clients()).extracting(KafkaClientsProbe.Client::kind).contains("AdminClientConfig", "ConsumerConfig");
            assertThat(probe.lacking()).isEmpty();
        }
    }

    @Test
    @DisplayName("the file's bootstrap.servers is used without --bootstrap; --bootstrap wins over it; the file may change the timeouts")
    void bootstrapPrecedence() throws IOException {
        Properties settings = new Properties();
        settings.setProperty("bootstrap.servers", "from-file:9093");
        settings.setProperty("request.timeout.ms", "30000");
        KafkaEndpoint endpoint = new KafkaEndpoint();
        endpoint.kafkaConfig = write(settings);

        assertThat(endpoint.clientConfig()).containsEntry("bootstrap.servers", "from-file:9093")
                .containsEntry("request.timeout.ms", "30000").containsEntry("default.api.timeout.ms", 15_000);
        endpoint.bootstrap = "from-flag:9092";
        assertThat(endpoint.clientConfig()).containsEntry("bootstrap.servers", "from-flag:9092");
    }

    private static Path write(Properties settings) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "kafka-config-test"));
        Path file = Files.createTempFile(dir, "client", ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            settings.store(out, null);
        }
        return file;
    }
}
