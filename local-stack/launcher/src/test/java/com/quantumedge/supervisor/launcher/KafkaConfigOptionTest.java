package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientsProbe;

import picocli.CommandLine;

class KafkaConfigOptionTest {

    @Test
    @DisplayName("--kafka-config settings reach every client of the commands that talk to Kafka (topics, tail, diag, replay, risk-replay)")
    void reachesEveryClient() throws IOException {
        String bootstrap = SharedKafkaBroker.bootstrapServers(); // the broker and its own admin client first, outside the probe
        String file = write(KafkaClientsProbe.commandConfig()).toString();
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target", "kafka-config-test")), "home");
        List<String> kafka = List.of("--bootstrap", bootstrap, "--kafka-config", file);
        try (KafkaClientsProbe probe = KafkaClientsProbe.open()) {
            assertThat(new CommandLine(new TopicsCommand()).execute(with(kafka))).isZero();
            assertThat(CliRun.of(new TailCommand(), (c, out) -> c.out = out,
                    List.of(with(kafka, "heartbeats", "--max", "1", "--idle-exit", "1s"))).exit()).isZero();
            // diag fails its gateway and token checks here; its Kafka checks run all the same.
            CliRun diag = CliRun.of(new DiagCommand(), (c, out) -> c.out = out, List.of(with(kafka, "--home", home.toString())));
            assertThat(diag.output()).containsPattern("(?m)^ok +kafka").containsPattern("(?m)^ok +topics");
            assertThat(CliRun.of(new ReplayCommand(), (c, out) -> c.out = out, List.of(with(kafka, "--from", "1m"))).exit()).isZero();
            assertThat(CliRun.of(new RiskReplayCommand(), (c, out) -> c.out = out, List.of(with(kafka, "--from", "1m"))).exit()).isZero();

            assertThat(probe.clients()).extracting(Object::toString).contains("AdminClientConfig supervisor-topics",
                    "ConsumerConfig supervisor-tail", "AdminClientConfig supervisor-diag", "ConsumerConfig supervisor-diag",
                    "ConsumerConfig supervisor-replay", "ConsumerConfig supervisor-risk-replay");
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

        assertThat(endpoint.settings().admin(Map.of())).containsEntry("bootstrap.servers", "from-file:9093")
                .containsEntry("request.timeout.ms", "30000").containsEntry("default.api.timeout.ms", 15_000);
        endpoint.bootstrap = "from-flag:9092";
        assertThat(endpoint.settings().admin(Map.of())).containsEntry("bootstrap.servers", "from-flag:9092");
    }

    private static String[] with(List<String> kafka, String... args) {
        return Stream.concat(Stream.of(args), kafka.stream()).toArray(String[]::new);
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
