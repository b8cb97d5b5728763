package com.quantumedge.supervisor.bench.risk;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.topology.RiskMetrics;
import com.quantumedge.supervisor.risk.topology.RiskTopology;
import com.quantumedge.supervisor.risk.topology.TopologySettings;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.TopicSpec;

/**
 * The real risk-stream topology in a {@link TopologyTestDriver} (production Streams settings: at-least-once,
 * no store cache), for {@link OrderCheckOutputDigest}. The clock and the driver's wall clock start at fixed
 * instants, so the same inputs give byte-identical outputs. Every produced record, changelogs included, is
 * kept by the driver until {@link #drain} takes it. Too slow to time an order check with (the driver commits
 * and writes a checkpoint file after every input): the benchmark uses {@code RiskProcessorRig}.
 */
final class RiskTopologyRig implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_764_000_000_000L), ZoneOffset.UTC);

    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
    private final Map<String, TestOutputTopic<String, byte[]>> outputs = new HashMap<>();

    RiskTopologyRig(BookSettings book) {
        GeneratedClasses.trust();
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.buildTopology(builder, new TopologySettings(book,
                Duration.ofSeconds(1), Duration.ofDays(7), CLOCK, RiskMetrics.NONE));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "risk-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(System.getProperty("java.io.tmpdir"), "risk-bench-ttd-" + UUID.randomUUID()).toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        // Punctuations stamp their records with wall-clock time: start it at a fixed instant too.
        driver = new TopologyTestDriver(builder.build(), props, CLOCK.instant());
    }

    void pipe(TopicSpec<?> topic, String key, byte[] value, long timestampMs) {
        inputs.computeIfAbsent(topic.name(),
                        name -> driver.createInputTopic(name, new StringSerializer(), new ByteArraySerializer()))
                .pipeInput(key, value, timestampMs);
    }

    <V> void pipe(TopicSpec<V> topic, String key, V value, long timestampMs) {
        pipe(topic, key, topic.valueSerde().serializer().serialize(topic.name(), value), timestampMs);
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Hands every record produced since the last drain to {@code sink} (topic, record), topics in name order. */
    void drain(BiConsumer<String, TestRecord<String, byte[]>> sink) {
        for (String topic : new TreeSet<>(driver.producedTopicNames())) {
            TestOutputTopic<String, byte[]> output = output(topic);
            while (!output.isEmpty()) {
                sink.accept(topic, output.readRecord());
            }
        }
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return outputs.computeIfAbsent(topic,
                name -> driver.createOutputTopic(name, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    @Override
    public void close() {
        driver.close();
    }
}
