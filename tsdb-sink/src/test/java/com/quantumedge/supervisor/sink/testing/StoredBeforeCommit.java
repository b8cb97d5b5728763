package com.quantumedge.supervisor.sink.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;

/**
 * Produces executions of some bots, remembering where each landed, and checks, as a sink's
 * {@link SinkLoop.BeforeCommit} hook, that every one of them below the offsets about to be
 * committed is already stored: the sink's guarantee against loss.
 */
public final class StoredBeforeCommit implements SinkLoop.BeforeCommit {

    private final ClickHouse ch;
    private final String db;
    private final List<String> bots;
    private final String botsSql;
    private final Map<Integer, List<Long>> produced = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger checked = new AtomicInteger();

    public StoredBeforeCommit(ClickHouse ch, String db, String bot) {
        this(ch, db, List.of(bot));
    }

    public StoredBeforeCommit(ClickHouse ch, String db, List<String> bots) {
        this.ch = ch;
        this.db = db;
        this.bots = List.copyOf(bots);
        this.botsSql = String.join(",", bots.stream().map(ClickHouse::quote).toList());
    }

    /** Bots named {@code prefix-N} whose keys land on every partition of the catalog's topics. */
    public static List<String> botsOnEveryPartition(String prefix) {
        Map<Integer, String> byPartition = new java.util.TreeMap<>();
        for (int i = 0; byPartition.size() < Topics.PARTITIONS; i++) {
            String bot = prefix + "-" + i;
            byPartition.putIfAbsent(org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(bot.getBytes())) % Topics.PARTITIONS, bot);
        }
        return List.copyOf(byPartition.values());
    }

    /** Produces {@code n} executions of the bots in turn, a minute old and a millisecond apart. */
    public void produce(int n) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (Produce produce = new Produce()) {
            long start = System.currentTimeMillis() - 60_000;
            for (int i = 0; i < n; i++) {
                String bot = bots.get(i % bots.size());
                Execution e = SampleRecords.execution(bot);
                e.setTsMs(start + i);
                sent.add(produce.send(Topics.EXECUTIONS, bot, e));
            }
            produce.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata m = f.get();
            produced.computeIfAbsent(m.partition(), p -> new CopyOnWriteArrayList<>()).add(m.offset());
        }
    }

    @Override
    public void run(Map<TopicPartition, OffsetAndMetadata> offsets) {
        checked.incrementAndGet();
        offsets.forEach((tp, committed) -> {
            List<Long> ours = produced.get(tp.partition());
            if (!tp.topic().equals(Topics.EXECUTIONS.name()) || ours == null) {
                return;
            }
            long expected = ours.stream().filter(o -> o < committed.offset()).count();
            long stored = ch.queryLong(("SELECT uniqExact(kafka_offset) FROM %s.executions WHERE bot_id IN (%s) "
                    + "AND kafka_partition = %d AND kafka_offset < %d").formatted(db, botsSql, tp.partition(), committed.offset()));
            if (stored != expected) {
                violations.add("%s committed at %d with %d of our %d records below it stored".formatted(tp,
                        committed.offset(), stored, expected));
            }
        });
    }

    /** Commits that stored less than they covered. */
    public List<String> violations() {
        return violations;
    }

    public int commitsChecked() {
        return checked.get();
    }

    public long countFinal() {
        return ch.queryLong("SELECT count() FROM %s.executions FINAL WHERE bot_id IN (%s)".formatted(db, botsSql));
    }

    public long duplicatesAfterFinal() {
        return ch.queryLong("SELECT count() - uniqExact(event_id) FROM %s.executions FINAL WHERE bot_id IN (%s)"
                .formatted(db, botsSql));
    }
}
