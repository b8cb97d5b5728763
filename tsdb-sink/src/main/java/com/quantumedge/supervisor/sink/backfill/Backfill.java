package com.quantumedge.supervisor.sink.backfill;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.write.AvroToRowBinary;
import com.quantumedge.supervisor.sink.write.RowBinary;
import com.quantumedge.supervisor.sink.write.RowEncoder;

/**
 * Re-sinks the records of a time range (Kafka record timestamps, {@code [from, to)}) from Kafka into
 * ClickHouse, with the sink's own row encoding and Kafka coordinates. Rows that are already stored
 * are stored again and merged away by the tables' deduplication (same event id, same event time),
 * so any overlap with what the sink wrote is harmless; rollups only use aggregates a duplicate
 * cannot change. Reads without a consumer group: the sink's committed offsets are not touched.
 * Records that do not decode are counted and skipped (the sink sent them to the DLQ already).
 */
public final class Backfill {

    /** How many rows a table collects before they are inserted. */
    static final int FLUSH_ROWS = 10_000;

    /** What a backfill did: rows written per table, records skipped as undecodable, records read. */
    public record Summary(Map<String, Long> rowsByTable, long skipped, long read) {
        public long rows() {
            return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final KafkaClientSettings kafka;
    private final ClickHouse clickHouse;
    private final String db;
    private final Clock clock;

    public Backfill(KafkaClientSettings kafka, ClickHouse clickHouse, String database, Clock clock) {
        this.kafka = kafka;
        this.clickHouse = clickHouse;
        this.db = database;
        this.clock = clock;
    }

    public Summary run(List<TableLayout> layouts, long fromMs, long toMs, Consumer<String> progress) {
        if (fromMs >= toMs) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        Map<String, TableLayout> byTopic = new LinkedHashMap<>();
        Map<String, AvroToRowBinary> encoders = new HashMap<>();
        for (TableLayout l : layouts) {
            byTopic.put(l.topic().name(), l);
            encoders.put(l.topic().name(), AvroToRowBinary.of(l));
        }
        Map<String, Object> config = kafka.consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "supervisor-backfill",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        Map<String, RowBinary> buffers = new HashMap<>();
        Map<String, Integer> buffered = new HashMap<>();
        Map<String, Long> written = new TreeMap<>();
        long skipped = 0;
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : byTopic.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(15)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = offsetsAt(consumer, partitions, fromMs);
            Map<TopicPartition, Long> ends = offsetsAt(consumer, partitions, toMs);
            long total = 0;
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition p : partitions) {
                consumer.seek(p, starts.get(p));
                if (starts.get(p) < ends.get(p)) {
                    pending.add(p);
                    total += ends.get(p) - starts.get(p);
                }
            }
            progress.accept("backfill %d records from %d partitions of %d topics".formatted(total, pending.size(), byTopic.size()));
            consumer.pause(partitions.stream().filter(p -> !pending.contains(p)).toList());
            long lastReport = System.nanoTime();
            while (!pending.isEmpty()) {
                long now = clock.millis();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= ends.get(tp) || r.value() == null) {
                        continue;
                    }
                    read++;
                    TableLayout layout = byTopic.get(r.topic());
                    RowBinary rows = buffers.computeIfAbsent(layout.table(), t -> new RowBinary(1 << 16));
                    if (!append(layout, encoders.get(r.topic()), r, now, rows)) {
                        skipped++;
                        continue;
                    }
                    if (buffered.merge(layout.table(), 1, Integer::sum) >= FLUSH_ROWS) {
                        flush(layout, rows, buffered, written);
                    }
                }
                pending.removeIf(p -> {
                    boolean done = consumer.position(p) >= ends.get(p);
                    if (done) {
                        consumer.pause(List.of(p));
                    }
                    return done;
                });
                if (System.nanoTime() - lastReport > 2_000_000_000L) {
                    progress.accept("  read %d of %d records".formatted(read + skipped, total));
                    lastReport = System.nanoTime();
                }
            }
        }
        for (TableLayout layout : byTopic.values()) {
            RowBinary rows = buffers.get(layout.table());
            if (rows != null) {
                flush(layout, rows, buffered, written);
            }
        }
        return new Summary(written, skipped, read);
    }

    /** The first offset at or after {@code timeMs} per partition; the end offset where there is none. */
    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, long timeMs) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, timeMs));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(15));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = found.get(p);
            out.put(p, o == null ? end.get(p) : o.offset());
        }
        return out;
    }

    /** The sink's own path: straight from the bytes when the encoder can, else decoded. */
    private static boolean append(TableLayout layout, AvroToRowBinary encoder, ConsumerRecord<byte[], byte[]> r, long now, RowBinary rows) {
        byte[] v = r.value();
        if (encoder.tryAppend(v, 0, v.length, r.partition(), r.offset(), now, rows)) {
            return true;
        }
        try {
            IndexedRecord value = (IndexedRecord) layout.topic().valueSerde().deserializer().deserialize(r.topic(), v);
            RowEncoder.append(layout, value, r.topic(), r.partition(), r.offset(), now, rows);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void flush(TableLayout layout, RowBinary rows, Map<String, Integer> buffered, Map<String, Long> written) {
        int count = buffered.getOrDefault(layout.table(), 0);
        if (count == 0) {
            return;
        }
        clickHouse.insertRowBinary(layout.qualified(db), rows.array(), rows.size());
        written.merge(layout.table(), (long) count, Long::sum);
        buffered.put(layout.table(), 0);
        rows.reset();
    }
}
