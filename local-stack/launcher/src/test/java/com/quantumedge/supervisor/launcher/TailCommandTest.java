package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;

import picocli.CommandLine;

@ExtendWith(KafkaBrokerExtension.class)
class TailCommandTest {

    @Test
    @DisplayName("tail prints one bot's records as JSON lines, an undecodable one with its error")
    void printsDecodedRecordsAndErrors() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), "someone-else",
                    Topics.HEARTBEATS.valueSerde().serializer().serialize("t", SampleRecords.heartbeat("someone-else")))).get();
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), bot,
                    Topics.HEARTBEATS.valueSerde().serializer().serialize("t", SampleRecords.heartbeat(bot)))).get();
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), bot, "garbage".getBytes())).get();
        }
        CliRun run = CliRun.of(new TailCommand(), (c, out) -> c.out = out, List.of("heartbeats", "--bootstrap",
                SharedKafkaBroker.bootstrapServers(), "--from-beginning", "--bot", bot, "--max", "2", "--idle-exit", "20s"));

        assertThat(run.exit()).isZero();
        List<JsonNode> lines = run.output().lines().map(TailCommandTest::parse).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("topic").asText()).isEqualTo("qe.heartbeats.v1");
        assertThat(lines.get(0).get("key").asText()).isEqualTo(bot);
        assertThat(lines.get(0).get("value").get("equity").asDouble()).isEqualTo(10_250.75);
        assertThat(lines.get(0).get("value").get("positions").get(0).get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(lines.get(1).get("error").asText()).contains("BAD_HEADER");
    }

    @Test
    @DisplayName("an unknown topic name is refused with the list of known ones")
    void refusesUnknownTopic() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = SupervisorCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute("tail", "nope", "--bootstrap", SharedKafkaBroker.bootstrapServers());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unknown topic 'nope'").contains("qe.heartbeats.v1");
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
