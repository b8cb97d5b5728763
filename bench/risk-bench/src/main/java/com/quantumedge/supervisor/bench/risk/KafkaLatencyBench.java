package com.quantumedge.supervisor.bench.risk;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.topology.RiskMetrics;
import com.quantumedge.supervisor.risk.topology.RiskStreamsConfig;
import com.quantumedge.supervisor.risk.topology.RiskTopology;
import com.quantumedge.supervisor.risk.topology.TopologySettings;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * Kafka-level order-check latency through the real risk-stream topology on an in-process broker,
 * against a raw produce->consume loop measured in the same run. Args (optional): sequential samples,
 * in-flight requests, in-flight window, stream threads.
 */
public final class KafkaLatencyBench {

    private static final String RAW_TOPIC = "bench.raw-loop";

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        GeneratedClasses.trust();
        Path dir = Path.of("target", "bench-kafka-" + UUID.randomUUID()).toAbsolutePath();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir)) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
                admin.createTopics(List.of(new NewTopic(RAW_TOPIC, Topics.PARTITIONS, (short) 1))).all().get();
            }
            KafkaClientSettings kafka = KafkaClientSettings.bootstrap(bootstrap);
            publishLimits(kafka, 100, 50);
            KafkaStreams streams = startRiskStreams(kafka, "risk-bench", Map.of(), dir.resolve("streams"), threads, BookSettings.DEFAULTS);
            try {
                report("raw", run(new RawLoopClient(kafka, RAW_TOPIC, 220), samples, requests, window),
                        "risk", run(new KafkaCheckClient(kafka, 16), samples, requests, window));
            } finally {
                streams.close(Duration.ofSeconds(10));
            }
        }
    }

    record Result(LatencyDriver.Sequential sequential, LatencyDriver.InFlight inFlight) {
    }

    static Result run(CheckClient client, int samples, int requests, int window) throws Exception {
        try (client) {
            LatencyDriver.Sequential seq = LatencyDriver.sequential(client, 500, samples);
            LatencyDriver.InFlight flight = LatencyDriver.inFlight(client, 500 + samples, requests, window);
            System.out.printf("%-28s sequential p50 %.2f ms, p99 %.2f ms, max %.1f ms (%d samples); "
                    + "%d in flight: %,.0f checks/s, p50 %.2f ms, p99 %.2f ms; answers %s%n",
                    client.name(), seq.p50Ms(), seq.p99Ms(), seq.maxMs(), seq.samples(), flight.inFlight(),
                    flight.perSecond(), flight.p50Ms(), flight.p99Ms(), flight.answers());
            return new Result(seq, flight);
        }
    }

    static void report(String baseName, Result base, String name, Result risk) {
        System.out.printf("%nratio %s/%s: sequential p50 %.2fx, p99 %.2fx; %d-in-flight throughput %.2fx, p99 %.2fx%n",
                name, baseName, risk.sequential.p50Ms() / base.sequential.p50Ms(),
                risk.sequential.p99Ms() / base.sequential.p99Ms(), risk.inFlight.inFlight(),
                risk.inFlight.perSecond() / base.inFlight.perSecond(), risk.inFlight.p99Ms() / base.inFlight.p99Ms());
    }

    /** @param extra Streams settings on top of the service's defaults (e.g. replication of internal topics) */
    static KafkaStreams startRiskStreams(KafkaClientSettings kafka, String applicationId, Map<String, ?> extra, Path stateDir, int threads,
            BookSettings book) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.buildTopology(builder, new TopologySettings(book, Duration.ofSeconds(1),
                Duration.ofDays(7), Clock.systemUTC(), RiskMetrics.NONE));
        java.util.Properties config = RiskStreamsConfig.properties(kafka, applicationId, stateDir.toString(), Duration.ofSeconds(1),
                Duration.ofMillis(5), 0, 1, null, RiskStreamsConfig.DEFAULT_STATE_CACHE_MAX_BYTES);
        config.putAll(extra);
        config.put(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        // -Dbench.streams.<config>=value overrides a setting, to measure one before changing the service's defaults.
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench.streams."))
                .forEach(n -> config.put(n.substring("bench.streams.".length()), System.getProperty(n)));
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("risk streams did not reach RUNNING: " + streams.state());
            }
            Thread.sleep(50);
        }
        return streams;
    }

    /** Every check enabled, generous enough that the bench's orders pass all of them. */
    static void publishLimits(KafkaClientSettings kafka, int maxSubmitsPerSecond, int maxOpenOrders) throws Exception {
        RiskLimits defaults = RiskLimits.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(Topics.DEFAULT_LIMITS_KEY)
                .setTsMs(System.currentTimeMillis()).setVersion(1).setUpdatedBy("bench")
                .setMaxOrderQty(100.0).setMaxOrderNotional(1_000_000.0).setMaxLeverage(20.0)
                .setMaxSymbolExposure(10_000_000.0).setMaxGrossExposure(20_000_000.0).setMaxOpenOrders(maxOpenOrders)
                .setMaxSubmitsPerWindow(maxSubmitsPerSecond).setSubmitWindowMs(1_000L).setPriceCollarPct(10.0).setMaxPriceAgeMs(60_000L)
                .setMaxDailyLoss(100_000.0).setMaxDrawdownPct(50.0)
                .build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producer(Map.of()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RISK_LIMITS.name(), Topics.DEFAULT_LIMITS_KEY,
                    Topics.RISK_LIMITS.valueSerde().serializer().serialize(Topics.RISK_LIMITS.name(), defaults))).get();
        }
    }

    private KafkaLatencyBench() {
    }
}
