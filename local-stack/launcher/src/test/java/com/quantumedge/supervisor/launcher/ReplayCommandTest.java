package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.replay.PolicyReplay;
import com.quantumedge.supervisor.policy.replay.RecordedRecord;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

@ExtendWith(KafkaBrokerExtension.class)
class ReplayCommandTest {

    private final String bot = SharedKafkaBroker.uniqueName("bot");
    private final long t0 = Instant.now().minusSeconds(3600).toEpochMilli();

    @Test
    @DisplayName("replay over a recorded hang reproduces every recorded command; a changed policy prints the diff")
    void reproducesRecordedCommandsAndDiffsChangedPolicy() throws Exception {
        List<RecordedRecord> inputs = hangScenario();
        List<ControlCommand> commands = new PolicyReplay(PolicyConfig.defaults()).run(inputs).commands();
        assertThat(commands).as("the scenario makes the default policy restart the bot").isNotEmpty();
        record(inputs, commands);
        String from = Instant.ofEpochMilli(t0 - 1000).toString();
        String to = Instant.ofEpochMilli(t0 + 400_000).toString();

        CliRun same = run("--from", from, "--to", to, "--bot", bot, "--expect-same");
        assertThat(same.exit()).as(same.output()).isZero();
        assertThat(same.output()).contains("(100.0% reproduced)").contains("RESTART");

        Path lenient = Files.createTempFile(Path.of("target"), "policy", ".yml");
        Files.writeString(lenient, "supervisor:\n  policy:\n    heartbeat:\n      stale-after: 60s\n      restart-after: 10m\n");
        CliRun changed = run("--from", from, "--to", to, "--bot", bot, "--policy", lenient.toString(), "--expect-same");
        assertThat(changed.exit()).as(changed.output()).isEqualTo(1);
        assertThat(changed.output()).containsPattern("(?m)^- .*RESTART");
    }

    /** A heartbeat, then 300 s of ticks and no heartbeat: a hung bot. */
    private List<RecordedRecord> hangScenario() {
        List<RecordedRecord> records = new ArrayList<>();
        Heartbeat hb = Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(t0)
                .setReceivedTsMs(t0).setEquity(1000.0).build();
        records.add(RecordedRecord.of(Topics.HEARTBEATS.name(), bot, hb, t0));
        for (int s = 1; s <= 300; s++) {
            long ts = t0 + s * 1000L;
            records.add(RecordedRecord.of(Topics.TICKS.name(), bot,
                    Tick.newBuilder().setEventId(bot + "-" + s).setBotId(bot).setTsMs(ts).build(), ts));
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private void record(List<RecordedRecord> inputs, List<ControlCommand> commands) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (RecordedRecord r : inputs) {
                TopicSpec<SpecificRecord> spec = (TopicSpec<SpecificRecord>) Topics.byName(r.topic()).orElseThrow();
                producer.send(new ProducerRecord<>(r.topic(), null, r.timestampMs(), r.key(),
                        spec.valueSerde().serializer().serialize(r.topic(), (SpecificRecord) r.value())));
            }
            for (ControlCommand c : commands) {
                producer.send(new ProducerRecord<>(Topics.CONTROL_COMMANDS.name(), null, c.getTsMs(), c.getBotId(),
                        Topics.CONTROL_COMMANDS.valueSerde().serializer().serialize("t", c)));
            }
            producer.flush();
        }
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", SharedKafkaBroker.bootstrapServers()));
        return CliRun.of(new ReplayCommand(), (c, out) -> c.out = out, all);
    }
}
