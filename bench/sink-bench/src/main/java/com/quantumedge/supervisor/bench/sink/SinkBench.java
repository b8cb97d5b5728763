package com.quantumedge.supervisor.bench.sink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.sink.clickhouse.ClickHouse;
import com.quantumedge.supervisor.sink.clickhouse.LocalClickHouse;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;
import com.quantumedge.supervisor.sink.ingest.SinkMetrics;
import com.quantumedge.supervisor.sink.ingest.SinkSettings;
import com.quantumedge.supervisor.sink.schema.Migrator;
import com.quantumedge.supervisor.sink.schema.TableLayout;
import com.quantumedge.supervisor.sink.schema.TableLayouts;
import com.quantumedge.supervisor.sink.write.RowBinary;
import com.quantumedge.supervisor.sink.write.RowEncoder;

/**
 * tsdb-sink benchmark against a real in-process Kafka broker and a real local ClickHouse.
 * <ol>
 * <li>insert: encode + RowBinary insert of executions in 10k-row batches, no Kafka (the ceiling);</li>
 * <li>sink catch-up: the same number of records pre-produced to {@code qe.executions.v1}, read by
 * the sink loop from the start until {@code count() FINAL} equals it;</li>
 * <li>baseline: ClickHouse's own Kafka engine reading the same records as JSONEachRow from a
 * scratch topic into a MergeTree through a materialized view;</li>
 * <li>latency: heartbeats produced at a fixed rate while the sink runs with its defaults; each row's
 * produce-to-queryable time is seen by polling ClickHouse for new rows every 20 ms.</li>
 * </ol>
 * Args: {@code [records=500000] [rate=10000] [latencySeconds=20]}.
 */
public final class SinkBench {

    private static final String DB = "bench";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int latencySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path work = Path.of(System.getProperty("sink-bench.dir", "target"), "sink-bench-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        System.out.printf(Locale.ROOT, "sink-bench: %d records, %d events/s for %d s, data under %s%n", records, rate,
                latencySeconds, work);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"));
                LocalClickHouse server = LocalClickHouse.start(work.resolve("clickhouse"));
                ClickHouse ch = ClickHouse.connect(server.url())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
            }
            System.out.println("ClickHouse " + ch.version() + " at " + server.url() + ", Kafka at " + broker.bootstrapServers());
            TableLayouts layouts = TableLayouts.forCatalog(Set.of(Topics.TICKS.name()));
            new Migrator(ch, DB, layouts, 30).migrate();

            double insertRate = insert(ch, layouts, records);
            double sinkRate = sinkCatchUp(broker, ch, layouts, records);
            double engineRate = kafkaEngine(broker, ch, records);
            double[] latency = latency(broker, ch, layouts, rate, latencySeconds);

            System.out.println();
            System.out.println("| measurement | value |");
            System.out.println("| --- | --- |");
            System.out.printf(Locale.ROOT, "| RowBinary insert, 10k-row batches, encode included | %,.0f rows/s |%n", insertRate);
            System.out.printf(Locale.ROOT, "| sink catch-up from Kafka (%d records, default 10k/1 s batches) | %,.0f rows/s |%n", records, sinkRate);
            System.out.printf(Locale.ROOT, "| ClickHouse Kafka engine, JSONEachRow, same records | %,.0f rows/s |%n", engineRate);
            System.out.printf(Locale.ROOT, "| sink / Kafka engine | %.2f |%n", sinkRate / engineRate);
            System.out.printf(Locale.ROOT, "| sink / raw insert | %.2f |%n", sinkRate / insertRate);
            System.out.printf(Locale.ROOT, "| produce -> queryable at %d events/s: p50 / p99 / max | %.0f / %.0f / %.0f ms (%d rows) |%n",
                    rate, latency[0], latency[1], latency[2], (long) latency[3]);
        }
        try (var paths = java.nio.file.Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.exit(0);
    }

    private static Execution execution(String bot, long ts, int i) {
        return Execution.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts).setExecId("x-" + i)
                .setExecType(ExecType.FILL).setClientOrderId("c-" + i).setCorrelationId(null).setSymbol(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT")
                .setSide(i % 3 == 0 ? Side.SELL : Side.BUY).setQty(0.001 * (1 + i % 50)).setPrice(64_000.0 + (i % 1000) * 0.5)
                .setFee(0.0256).setFeeAsset("USDT").setLeavesQty(0.0).setReason(null).build();
    }

    private static double insert(ClickHouse ch, TableLayouts layouts, int n) {
        TableLayout layout = layouts.forTopic(Topics.EXECUTIONS.name()).orElseThrow();
        List<Execution> rows = new ArrayList<>(n);
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            rows.add(execution("bench-insert", t0 + i, i));
        }
        RowBinary buf = new RowBinary(4 << 20);
        long start = System.nanoTime();
        for (int i = 0; i < n; i += 10_000) {
            buf.reset();
            for (int j = i; j < Math.min(n, i + 10_000); j++) {
                RowEncoder.append(layout, rows.get(j), Topics.EXECUTIONS.name(), 0, j, System.currentTimeMillis(), buf);
            }
            ch.insertRowBinary(layout.qualified(DB), buf.array(), buf.size());
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long stored = ch.queryLong("SELECT count() FROM bench.executions WHERE bot_id = 'bench-insert'");
        System.out.printf(Locale.ROOT, "insert: %d rows in %.2f s = %,.0f rows/s (stored %d)%n", n, secs, n / secs, stored);
        return n / secs;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static double sinkCatchUp(LocalKafkaBroker broker, ClickHouse ch, TableLayouts layouts, int n) throws Exception {
        long t0 = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            for (int i = 0; i < n; i++) {
                String bot = "bench-sink-" + (i % 12);
                producer.send(new ProducerRecord<>(Topics.EXECUTIONS.name(), bot.getBytes(StandardCharsets.UTF_8),
                        Topics.EXECUTIONS.valueSerde().serializer().serialize(Topics.EXECUTIONS.name(), execution(bot, t0 + i, i))));
            }
        }
        SinkSettings settings = new SinkSettings(broker.bootstrapServers(), "bench-sink", "bench-sink", DB, 10_000,
                Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100));
        SinkLoop loop = new SinkLoop(settings, ch, layouts, new SinkMetrics(new SimpleMeterRegistry()));
        Thread thread = new Thread(loop, "bench-sink");
        long start = System.nanoTime();
        thread.start();
        String count = "SELECT count() FROM bench.executions WHERE bot_id LIKE 'bench-sink-%'";
        while (ch.queryLong(count) < n) {
            Thread.sleep(20);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        loop.close();
        thread.join();
        long fin = ch.queryLong("SELECT count() FROM bench.executions FINAL WHERE bot_id LIKE 'bench-sink-%'");
        System.out.printf(Locale.ROOT, "sink: %d records in %.2f s = %,.0f rows/s (count FINAL %d)%n", n, secs, n / secs, fin);
        return n / secs;
    }

    private static double kafkaEngine(LocalKafkaBroker broker, ClickHouse ch, int n) throws Exception {
        String topic = "bench.scratch-json";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        ch.execute("""
                CREATE TABLE bench.engine_rows (event_id String, bot_id String, ts_ms Int64, exec_id String, exec_type String,
                  symbol String, side String, qty Float64, price Float64, fee Float64, fee_asset String)
                ENGINE = MergeTree() ORDER BY (bot_id, ts_ms, event_id)""");
        ch.execute("""
                CREATE TABLE bench.engine_queue (event_id String, bot_id String, ts_ms Int64, exec_id String, exec_type String,
                  symbol String, side String, qty Float64, price Float64, fee Float64, fee_asset String)
                ENGINE = Kafka('%s', '%s', 'clickhouse-bench', 'JSONEachRow')""".formatted(broker.bootstrapServers(), topic));
        ch.execute("CREATE MATERIALIZED VIEW bench.engine_mv TO bench.engine_rows AS SELECT * FROM bench.engine_queue");
        // A new Kafka-engine group starts at the end: give it time to join before producing.
        Thread.sleep(5_000);
        long t0 = System.currentTimeMillis();
        List<byte[]> json = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Execution e = execution("bench-engine", t0 + i, i);
            json.add(("{\"event_id\":\"%s\",\"bot_id\":\"%s\",\"ts_ms\":%d,\"exec_id\":\"%s\",\"exec_type\":\"%s\","
                    + "\"symbol\":\"%s\",\"side\":\"%s\",\"qty\":%s,\"price\":%s,\"fee\":%s,\"fee_asset\":\"%s\"}")
                    .formatted(e.getEventId(), e.getBotId(), e.getTsMs(), e.getExecId(), e.getExecType(), e.getSymbol(),
                            e.getSide(), e.getQty(), e.getPrice(), e.getFee(), e.getFeeAsset()).getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            for (byte[] v : json) {
                producer.send(new ProducerRecord<>(topic, null, v));
            }
        }
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        long seen = 0;
        while ((seen = ch.queryLong("SELECT count() FROM bench.engine_rows")) < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        ch.execute("DROP TABLE bench.engine_mv");
        ch.execute("DROP TABLE bench.engine_queue");
        System.out.printf(Locale.ROOT, "kafka engine: %d of %d records in %.2f s after producing = %,.0f rows/s%n", seen, n, secs, seen / secs);
        return seen / secs;
    }

    private static double[] latency(LocalKafkaBroker broker, ClickHouse ch, TableLayouts layouts, int rate, int seconds)
            throws Exception {
        // The catch-up phase's group has committed everything before: this phase starts at the end.
        SinkSettings settings = new SinkSettings(broker.bootstrapServers(), "bench-sink", "bench-latency", DB, 10_000,
                Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100));
        SinkLoop loop = new SinkLoop(settings, ch, layouts, new SinkMetrics(new SimpleMeterRegistry()));
        Thread sinkThread = new Thread(loop, "bench-latency-sink");
        sinkThread.start();
        Thread.sleep(5_000); // joined the group
        String bot = "bench-latency-" + UUID.randomUUID().toString().substring(0, 6);
        AtomicBoolean producing = new AtomicBoolean(true);
        long total = (long) rate * seconds;
        Thread producerThread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
                long start = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long due = start + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 200_000) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    Execution e = execution(bot, System.currentTimeMillis(), (int) i);
                    producer.send(new ProducerRecord<>(Topics.EXECUTIONS.name(), bot.getBytes(StandardCharsets.UTF_8),
                            Topics.EXECUTIONS.valueSerde().serializer().serialize(Topics.EXECUTIONS.name(), e)));
                }
            }
            producing.set(false);
        }, "bench-latency-producer");
        producerThread.start();
        long[] latencies = new long[(int) total];
        int seen = 0;
        long lastOffset = -1;
        long deadline = System.currentTimeMillis() + (seconds + 30) * 1000L;
        while (seen < total && System.currentTimeMillis() < deadline) {
            // One bot is one partition: offsets grow with produce order, so nothing is skipped or seen twice.
            List<List<String>> rows = ch.query(("SELECT ts_ms, kafka_offset FROM bench.executions WHERE bot_id = '%s' "
                    + "AND kafka_offset > %d ORDER BY kafka_offset").formatted(bot, lastOffset));
            long now = System.currentTimeMillis();
            for (List<String> r : rows) {
                long ts = Long.parseLong(r.get(0));
                if (seen < latencies.length) {
                    latencies[seen++] = now - ts;
                }
                lastOffset = Math.max(lastOffset, Long.parseLong(r.get(1)));
            }
            Thread.sleep(20);
        }
        producerThread.join();
        loop.close();
        sinkThread.join();
        long[] seenLat = Arrays.copyOf(latencies, seen);
        Arrays.sort(seenLat);
        double p50 = seen == 0 ? Double.NaN : seenLat[(int) Math.floor(0.50 * (seen - 1))];
        double p99 = seen == 0 ? Double.NaN : seenLat[(int) Math.floor(0.99 * (seen - 1))];
        double max = seen == 0 ? Double.NaN : seenLat[seen - 1];
        System.out.printf(Locale.ROOT, "latency: %d of %d rows seen; produce->queryable p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                seen, total, p50, p99, max);
        return new double[] {p50, p99, max, seen};
    }
}
