package com.quantumedge.supervisor.bench.sink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.bench.sink.Results.CatchUp;
import com.quantumedge.supervisor.bench.sink.Results.Latency;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.LocalClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;
import com.quantumedge.supervisor.sink.ingest.SinkMetrics;
import com.quantumedge.supervisor.sink.ingest.SinkSettings;
import com.quantumedge.supervisor.sink.write.RowBinary;
import com.quantumedge.supervisor.sink.write.RowEncoder;

/**
 * tsdb-sink benchmark against a real in-process Kafka broker and a real local ClickHouse.
 * <ol>
 * <li>encode: CPU per row of decoding + {@code RowEncoder} against {@code AvroToRowBinary}, no I/O;</li>
 * <li>insert: encode + RowBinary insert of executions in 10k-row batches, one after the other, no Kafka;</li>
 * <li>insert-large: the same with the sink's batch limits and writers, no Kafka: the write path's ceiling;</li>
 * <li>sink catch-up: a warm-up catch-up, then {@code records} executions pre-produced and read by a
 * sink with the service defaults until it has committed them all; {@code count() FINAL} checked;</li>
 * <li>baseline: ClickHouse's own Kafka engine reading the same records as JSONEachRow from a
 * scratch topic into a MergeTree through a materialized view;</li>
 * <li>latency: executions produced at a fixed rate while the sink runs with its defaults; each row's
 * produce-to-queryable time is seen by polling ClickHouse for new rows every 20 ms.</li>
 * </ol>
 * Every throughput phase reports CPU per row of this JVM (broker included), of the sink's threads
 * and of the ClickHouse process. Args: {@code [records=500000] [rate=10000] [latencySeconds=20]};
 * {@code -Dsink-bench.phases=} picks phases.
 */
public final class SinkBench {

    private static final String DB = "bench";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int latencySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<String> phases = List.of(System.getProperty("sink-bench.phases", "encode,insert,insert-large,sink,engine,latency").split(","));
        Path work = Path.of(System.getProperty("sink-bench.dir", "target"), "sink-bench-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        System.out.printf(Locale.ROOT, "sink-bench: %d records, %d events/s for %d s, phases %s, data under %s; load average %s%n",
                records, rate, latencySeconds, phases, work, CpuUsage.loadAverage());
        Results results = new Results(records, rate);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"));
                LocalClickHouse server = LocalClickHouse.start(work.resolve("clickhouse"));
                ClickHouse ch = ClickHouse.connect(server.url())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
            }
            System.out.println("ClickHouse " + ch.version() + " at " + server.url() + ", Kafka at " + broker.bootstrapServers()
                    + "; sink settings " + sinkSettings(broker, "bench-sink"));
            TableLayouts layouts = TableLayouts.forCatalog(Set.of(Topics.TICKS.name()));
            new Migrator(ch, DB, layouts, 30).migrate();

            if (phases.contains("encode")) {
                List<byte[]> values = new ArrayList<>();
                for (Execution e : executions("bench-encode", Math.min(records, 500_000))) {
                    values.add(Topics.EXECUTIONS.valueSerde().serializer().serialize(Topics.EXECUTIONS.name(), e));
                }
                results.encode = EncodeCost.measure(layouts.forTopic(Topics.EXECUTIONS.name()).orElseThrow(), values);
            }
            if (phases.contains("insert")) {
                results.insert = insert(ch, layouts, records, server.pid());
            }
            if (phases.contains("insert-large")) {
                awaitMergesDone(ch);
                results.insertLarge = insertLarge(ch, layouts, records, server.pid());
            }
            if (phases.contains("sink")) {
                awaitMergesDone(ch);
                results.sink = sinkCatchUp(broker, ch, layouts, records, server.pid());
            }
            if (phases.contains("engine")) {
                awaitMergesDone(ch);
                results.engine = kafkaEngine(broker, ch, records, server.pid());
            }
            if (phases.contains("latency")) {
                results.latency = latency(broker, ch, layouts, rate, latencySeconds);
            }
        }
        System.out.println();
        results.print(CpuUsage.loadAverage());
        try (var paths = java.nio.file.Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.exit(0);
    }

    /** Background merges of a phase's parts would otherwise be charged to the next phase's CPU. */
    private static void awaitMergesDone(ClickHouse ch) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ch.queryLong("SELECT count() FROM system.merges") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static Execution execution(String bot, long ts, int i) {
        return Execution.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts).setExecId("x-" + i)
                .setExecType(ExecType.FILL).setClientOrderId("c-" + i).setCorrelationId(null).setSymbol(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT")
                .setSide(i % 3 == 0 ? Side.SELL : Side.BUY).setQty(0.001 * (1 + i % 50)).setPrice(64_000.0 + (i % 1000) * 0.5)
                .setFee(0.0256).setFeeAsset("USDT").setLeavesQty(0.0).setReason(null).build();
    }

    /** The insert phase as measured since the first runs: 10k-row batches, encode and insert one after the other. */
    private static CpuUsage.Sample insert(ClickHouse ch, TableLayouts layouts, int n, long clickHousePid) {
        TableLayout layout = layouts.forTopic(Topics.EXECUTIONS.name()).orElseThrow();
        List<Execution> rows = executions("bench-insert", n);
        RowBinary buf = new RowBinary(4 << 20);
        CpuUsage cpu = CpuUsage.start(clickHousePid);
        for (int i = 0; i < n; i += 10_000) {
            buf.reset();
            for (int j = i; j < Math.min(n, i + 10_000); j++) {
                RowEncoder.append(layout, rows.get(j), Topics.EXECUTIONS.name(), 0, j, System.currentTimeMillis(), buf);
            }
            ch.insertRowBinary(layout.qualified(DB), buf.array(), buf.size());
        }
        CpuUsage.Sample sample = cpu.stop(n);
        long stored = ch.queryLong("SELECT count() FROM bench.executions WHERE bot_id = 'bench-insert'");
        System.out.printf(Locale.ROOT, "insert: %s (stored %d)%n", sample.describe(), stored);
        return sample;
    }

    /**
     * The write path the sink now has, without Kafka: batches up to the sink's default row and byte
     * limits, encoded on this thread while up to {@code writers} earlier batches are inserted.
     */
    private static CpuUsage.Sample insertLarge(ClickHouse ch, TableLayouts layouts, int n, long clickHousePid)
            throws Exception {
        TableLayout layout = layouts.forTopic(Topics.EXECUTIONS.name()).orElseThrow();
        List<Execution> rows = executions("bench-insert-large", n);
        int writers = SinkSettings.DEFAULT_WRITERS;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        ArrayDeque<Future<RowBinary>> inFlight = new ArrayDeque<>();
        ArrayDeque<RowBinary> spare = new ArrayDeque<>();
        CpuUsage cpu = CpuUsage.start(clickHousePid);
        RowBinary buf = new RowBinary(1 << 20);
        int inBatch = 0;
        for (int j = 0; j < n; j++) {
            RowEncoder.append(layout, rows.get(j), Topics.EXECUTIONS.name(), 0, j, System.currentTimeMillis(), buf);
            inBatch++;
            if (inBatch >= SinkSettings.DEFAULT_MAX_BATCH_ROWS || buf.size() >= SinkSettings.DEFAULT_MAX_BATCH_BYTES || j == n - 1) {
                if (inFlight.size() == writers) {
                    spare.push(inFlight.removeFirst().get());
                }
                RowBinary full = buf;
                inFlight.addLast(pool.submit(() -> {
                    ch.insertRowBinary(layout.qualified(DB), full.array(), full.size());
                    return full;
                }));
                buf = spare.isEmpty() ? new RowBinary(1 << 20) : spare.pop();
                buf.reset();
                inBatch = 0;
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().get();
        }
        CpuUsage.Sample sample = cpu.stop(n);
        pool.shutdown();
        long stored = ch.queryLong("SELECT count() FROM bench.executions WHERE bot_id = 'bench-insert-large'");
        System.out.printf(Locale.ROOT, "insert-large: %s (stored %d)%n", sample.describe(), stored);
        return sample;
    }

    private static List<Execution> executions(String bot, int n) {
        List<Execution> rows = new ArrayList<>(n);
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            rows.add(execution(bot, t0 + i, i));
        }
        return rows;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A warm-up catch-up (JIT, connection pools; not measured), then the measured one: {@code n}
     * records pre-produced, read by a fresh sink from where the warm-up ended.
     */
    private static CatchUp sinkCatchUp(LocalKafkaBroker broker, ClickHouse ch, TableLayouts layouts, int n,
            long clickHousePid) throws Exception {
        int warmUp = Math.max(100_000, n / 5);
        produceExecutions(broker, "warmup-bench-sink", warmUp);
        catchUp(broker, ch, layouts, "warmup-bench-sink", warmUp, clickHousePid);
        awaitMergesDone(ch);
        startAtEnd(broker, "bench-sink");
        produceExecutions(broker, "bench-sink", n);
        return catchUp(broker, ch, layouts, "bench-sink", n, clickHousePid);
    }

    /** Executions of 12 bots named after the group that will read them. */
    private static void produceExecutions(LocalKafkaBroker broker, String group, int n) {
        long t0 = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            for (int i = 0; i < n; i++) {
                String bot = group + "-" + (i % 12);
                producer.send(new ProducerRecord<>(Topics.EXECUTIONS.name(), bot.getBytes(StandardCharsets.UTF_8),
                        Topics.EXECUTIONS.valueSerde().serializer().serialize(Topics.EXECUTIONS.name(), execution(bot, t0 + i, i))));
            }
        }
    }

    /** Commits the group at the end of every sunk topic, so it reads only what is produced next. */
    private static void startAtEnd(LocalKafkaBroker broker, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < Topics.EXECUTIONS.partitions(); p++) {
                latest.put(new TopicPartition(Topics.EXECUTIONS.name(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
    }

    /**
     * Runs a sink of {@code group} until it has committed {@code n} rows (read from its own metrics:
     * polling ClickHouse for a count would cost ClickHouse CPU), then checks {@code count() FINAL}.
     */
    private static CatchUp catchUp(LocalKafkaBroker broker, ClickHouse ch, TableLayouts layouts, String group, int n,
            long clickHousePid) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SinkMetrics metrics = new SinkMetrics(registry);
        SinkLoop loop = new SinkLoop(sinkSettings(broker, group), ch, layouts, metrics);
        Thread thread = new Thread(loop, group);
        CpuUsage cpu = CpuUsage.start(clickHousePid);
        thread.start();
        Progress progress = new Progress();
        long stored;
        while ((stored = committedRows(registry)) < n) {
            progress.saw(stored);
            Thread.sleep(10);
        }
        progress.saw(stored);
        CpuUsage.Sample sample = cpu.stop(n);
        if (Boolean.getBoolean("sink-bench.threads")) {
            System.out.print("JVM threads by CPU during the catch-up (alive at its end):\n" + cpu.busiestThreads(15));
        }
        loop.close();
        thread.join();
        long fin = ch.queryLong("SELECT count() FROM bench.executions FINAL WHERE bot_id LIKE '%s-%%'".formatted(group));
        double sustained = progress.sustainedRowsPerSecond();
        long batches = (long) metrics.batches();
        System.out.printf(Locale.ROOT, "%s: %s; sustained (after the first batch) %,.0f rows/s; %d batches (%,d rows on "
                + "average); count FINAL %d%n", group, sample.describe(), sustained, batches, n / Math.max(1, batches), fin);
        return new CatchUp(sample, sustained, batches, fin);
    }

    private static long committedRows(SimpleMeterRegistry registry) {
        return (long) registry.find("tsdb.sink.rows.written").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /**
     * The sink as the service runs it by default; {@code -Dsink-bench.writers} and
     * {@code -Dsink-bench.max-batch-bytes} change it for experiments (the run prints them).
     */
    private static SinkSettings sinkSettings(LocalKafkaBroker broker, String group) {
        SinkSettings defaults = SinkSettings.defaults(broker.bootstrapServers(), group, DB);
        return defaults.withWriters(Integer.getInteger("sink-bench.writers", defaults.writers()))
                .withMaxBatch(defaults.maxBatchRows(), Long.getLong("sink-bench.max-batch-bytes", defaults.maxBatchBytes()));
    }

    private static CpuUsage.Sample kafkaEngine(LocalKafkaBroker broker, ClickHouse ch, int n, long clickHousePid)
            throws Exception {
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
        CpuUsage cpu = CpuUsage.start(clickHousePid);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long seen = 0;
        // Counted through part metadata, as for the sink: a count() every 20 ms would cost ClickHouse CPU.
        String count = "SELECT sum(rows) FROM system.parts WHERE database = 'bench' AND table = 'engine_rows' AND active";
        while ((seen = ch.queryLong(count)) < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        CpuUsage.Sample sample = cpu.stop(seen);
        ch.execute("DROP TABLE bench.engine_mv");
        ch.execute("DROP TABLE bench.engine_queue");
        System.out.printf(Locale.ROOT, "kafka engine: %d of %d records after producing: %s%n", seen, n, sample.describe());
        return sample;
    }

    private static Latency latency(LocalKafkaBroker broker, ClickHouse ch, TableLayouts layouts, int rate, int seconds)
            throws Exception {
        startAtEnd(broker, "bench-latency");
        SinkSettings settings = sinkSettings(broker, "bench-latency");
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
        return new Latency(p50, p99, max, seen);
    }
}
