package com.quantumedge.supervisor.policy.replay;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.avro.specific.SpecificRecord;

import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.topology.PolicyTopology;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Runs the policy topology over recorded input records with a given policy, without a broker:
 * the backtest of a policy. Records are fed in the order given (sort them by timestamp, as a
 * Streams task would pick them); records of topics the policy does not read are skipped, and the
 * policy's own escalation HALTs found in a recording are ignored by the rules as they are live.
 */
public final class PolicyReplay {

    private final PolicyConfig config;

    public PolicyReplay(PolicyConfig config) {
        this.config = config;
    }

    /** Records in timestamp order; records with equal timestamps keep their relative order. */
    public static List<RecordedRecord> inTimestampOrder(List<RecordedRecord> records) {
        return records.stream().sorted(Comparator.comparingLong(RecordedRecord::timestampMs)).toList();
    }

    public ReplayResult run(List<RecordedRecord> inputs) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "qe-policy-replay");
        // Required by StreamsConfig, never connected to: the TopologyTestDriver runs without a broker.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/qe-policy-replay");
        StreamsBuilder builder = PolicyTopology.buildTopology(new StreamsBuilder(), config);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            Map<String, TestInputTopic<String, byte[]>> topics = new HashMap<>();
            for (TopicSpec<?> spec : PolicyTopology.INPUTS) {
                topics.put(spec.name(), driver.createInputTopic(spec.name(), new StringSerializer(),
                        Serdes.ByteArray().serializer()));
            }
            for (RecordedRecord r : inputs) {
                TestInputTopic<String, byte[]> topic = topics.get(r.topic());
                if (topic != null) {
                    topic.pipeInput(new TestRecord<>(r.key(), bytesOf(r), null, r.timestampMs()));
                }
            }
            return new ReplayResult(
                    read(driver, Topics.CONTROL_COMMANDS),
                    read(driver, Topics.EVENTS),
                    read(driver, Topics.SNAPSHOTS),
                    read(driver, Topics.OPERATOR_COMMANDS),
                    driver.createOutputTopic(Topics.DLQ.name(), new StringDeserializer(),
                            Serdes.ByteArray().deserializer()).readValuesToList().size());
        }
    }

    @SuppressWarnings("unchecked")
    private static byte[] bytesOf(RecordedRecord r) {
        if (r.value() == null || r.value() instanceof byte[]) {
            return (byte[]) r.value();
        }
        TopicSpec<SpecificRecord> spec = (TopicSpec<SpecificRecord>) Topics.byName(r.topic()).orElseThrow();
        return spec.valueSerde().serializer().serialize(r.topic(), (SpecificRecord) r.value());
    }

    private static <V> List<V> read(TopologyTestDriver driver, TopicSpec<V> spec) {
        return driver.createOutputTopic(spec.name(), new StringDeserializer(), spec.valueSerde().deserializer())
                .readValuesToList();
    }

    /** Convenience for the CLI: replay and diff the replayed commands against the recorded ones. */
    public CommandDiff diff(List<RecordedRecord> inputs, List<ControlCommand> recordedCommands) {
        return CommandDiff.between(recordedCommands, run(inputs).commands());
    }
}
