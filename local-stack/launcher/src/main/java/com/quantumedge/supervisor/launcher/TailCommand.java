package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.json.AvroJson;
import com.quantumedge.supervisor.schemas.serde.AvroSerde;
import com.quantumedge.supervisor.schemas.serde.RecordDecodingException;

/** Prints a topic's records decoded as JSON lines; undecodable ones are printed with their error, never skipped silently. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print records of a catalog topic as JSON lines (topic, partition, offset, time, key, value).")
final class TailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    KafkaEndpoint kafka;

    @Parameters(index = "0", description = "Topic name (e.g. qe.heartbeats.v1) or its short form (heartbeats)")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest retained record (default: only new records)")
    boolean fromBeginning;

    @Option(names = "--since", description = "Start at records newer than this: a duration (10m, 2h, 1d) or an ISO instant")
    String since;

    @Option(names = "--bot", description = "Only records of this bot id")
    String bot;

    @Option(names = "--max", description = "Stop after this many records (default: no limit)")
    Integer max;

    @Option(names = "--idle-exit", description = "Stop after this long without records, e.g. 5s (default: follow forever)")
    String idleExit;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        TopicSpec<?> spec = resolve(topic);
        Map<String, Object> config = kafka.settings().consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "supervisor-tail",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
        Duration idle = idleExit == null ? null : Durations.parse(idleExit);
        int printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(spec.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(spec.name(), p.partition())).toList();
            consumer.assign(partitions);
            position(consumer, partitions);
            long lastRecord = System.nanoTime();
            while (max == null || printed < max) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (bot != null && !bot.equals(key)) {
                        continue;
                    }
                    out.println(line(spec, r, key));
                    lastRecord = System.nanoTime();
                    if (max != null && ++printed >= max) {
                        break;
                    }
                }
                if (idle != null && System.nanoTime() - lastRecord > idle.toNanos()) {
                    break;
                }
            }
        }
        out.flush();
        return 0;
    }

    private void position(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        if (since != null) {
            long from = Durations.sinceToEpochMs(since, Instant.now());
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, found.get(p) == null ? end.get(p) : found.get(p).offset()));
        } else if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    static TopicSpec<?> resolve(String name) {
        return Topics.byName(name)
                .or(() -> Topics.ALL.stream().filter(t -> t.name().matches("(qe|sup)\\." + java.util.regex.Pattern.quote(name) + "\\.v\\d+")).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + name + "'; known: "
                        + Topics.ALL.stream().map(TopicSpec::name).toList()));
    }

    @SuppressWarnings("unchecked")
    static String line(TopicSpec<?> spec, ConsumerRecord<byte[], byte[]> r, String key) {
        ObjectNode node = JSON.createObjectNode();
        node.put("topic", r.topic());
        node.put("partition", r.partition());
        node.put("offset", r.offset());
        node.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
        node.put("key", key);
        if (r.value() == null) {
            node.putNull("value");
        } else if (spec.valueSerde() instanceof AvroSerde<?> serde) {
            try {
                SpecificRecord value = ((AvroSerde<SpecificRecord>) serde).decode(r.topic(), r.value());
                node.set("value", AvroJson.toNode(value, value.getSchema()));
            } catch (RecordDecodingException e) {
                node.put("error", e.getMessage());
                node.put("value_base64", Base64.getEncoder().encodeToString(r.value()));
            }
        } else {
            node.put("value_base64", Base64.getEncoder().encodeToString(r.value()));
        }
        if (r.headers().iterator().hasNext()) {
            ObjectNode headers = node.putObject("headers");
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return node.toString();
    }
}
