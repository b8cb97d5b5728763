package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Column;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.TsdbSinkApplication;

/**
 * {@code ./supervisor backfill} against what the real sink stored: records are produced to the shared
 * broker, a tsdb-sink (own group, own database) stores them, then the backfill re-sinks ranges.
 */
class BackfillCommandTest {

    private static final Map<TopicSpec<?>, Integer> PRODUCED = new LinkedHashMap<>();

    static {
        PRODUCED.put(Topics.HEARTBEATS, 50);
        PRODUCED.put(Topics.ORDER_DECISIONS, 30);
        PRODUCED.put(Topics.EXECUTIONS, 20);
        PRODUCED.put(Topics.EVENTS, 10);
    }

    private static ClickHouse ch;
    private static String db;
    private static String bot;
    private static Instant from;
    private static Instant to;

    @BeforeAll
    static void sinkStoresProducedRecords() {
        ch = SharedClickHouse.client();
        db = SharedClickHouse.uniqueDatabase();
        bot = SharedKafkaBroker.uniqueName("backfill-bot");
        from = Instant.now().minusSeconds(1);
        produce();
        to = Instant.now().plusSeconds(1);
        try (SpringService sink = SpringService.start("tsdb-sink", TsdbSinkApplication.class, Map.of(
                "spring.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers(),
                "server.port", 0,
                "supervisor.tsdb-sink.clickhouse-url", SharedClickHouse.url(),
                "supervisor.tsdb-sink.database", db,
                "supervisor.tsdb-sink.group-id", SharedKafkaBroker.uniqueName("backfill-sink")))) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> PRODUCED.forEach((topic, n) ->
                    assertThat(ch.queryLong("SELECT count() FROM %s.%s FINAL WHERE bot_id = %s"
                            .formatted(db, TableLayout.tableName(topic.name()), ClickHouse.quote(bot)))).isEqualTo(n.longValue())));
        }
    }

    @AfterAll
    static void nothing() {
        // The sink stopped in @BeforeAll; the database is dropped with the shared server.
    }

    @Test
    @DisplayName("a backfill of a range the sink already stored writes every record again and changes no count() FINAL")
    void overlapChangesNothing() {
        Map<String, Long> finalBefore = counts(" FINAL");
        Map<String, Long> rawBefore = counts("");

        CliRun run = backfill("--from", from.toString(), "--to", to.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("rows written by table: {events=10, executions=20, heartbeats=50, order_decisions=30}")
                .contains("records read: 110, rows written: 110, undecodable records skipped: 0");
        assertThat(counts(" FINAL")).isEqualTo(finalBefore);
        assertThat(counts("").get("heartbeats")).as("the rows were written again; FINAL merged them away")
                .isEqualTo(rawBefore.get("heartbeats") + 50);
    }

    @Test
    @DisplayName("after a table is truncated, a backfill of the topic's whole history restores it exactly")
    void truncatedTableRestored() {
        String fingerprint = fingerprint("executions");
        long rows = ch.queryLong("SELECT count() FROM %s.executions FINAL".formatted(db));
        ch.execute("TRUNCATE TABLE %s.executions".formatted(db));
        assertThat(ch.queryLong("SELECT count() FROM %s.executions".formatted(db))).isZero();

        CliRun run = backfill("--topic", Topics.EXECUTIONS.name(), "--from", "1970-01-01T00:00:00Z", "--to", to.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(ch.queryLong("SELECT count() FROM %s.executions FINAL".formatted(db))).isEqualTo(rows);
        assertThat(fingerprint("executions")).isEqualTo(fingerprint);
    }

    @Test
    @DisplayName("a topic the sink does not store is refused with the list of those it does")
    void unknownTopicRefused() {
        CliRun run = backfill("--topic", "qe.nope.v1", "--from", from.toString());

        assertThat(run.exit()).isNotZero();
    }

    private static CliRun backfill(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--bootstrap", SharedKafkaBroker.bootstrapServers(),
                "--clickhouse-url", SharedClickHouse.url(), "--clickhouse-database", db));
        all.addAll(List.of(args));
        return CliRun.of(new BackfillCommand(), (c, out) -> c.out = out, all);
    }

    /** Every stored column but the ingestion time, of every row, in key order. */
    private static String fingerprint(String table) {
        TableLayout layout = TableLayouts.forCatalog(Set.of()).all().stream().filter(l -> l.table().equals(table)).findFirst().orElseThrow();
        String columns = layout.columns().stream().filter(c -> !c.name().equals("ingested_at")).map(Column::quotedName)
                .collect(Collectors.joining(", "));
        return ch.query("SELECT %s FROM %s.%s FINAL ORDER BY bot_id, ts, event_id".formatted(columns, db, table)).toString();
    }

    private static Map<String, Long> counts(String modifier) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TableLayout l : TableLayouts.forCatalog(Set.of(Topics.TICKS.name())).all()) {
            out.put(l.table(), ch.queryLong("SELECT count() FROM %s.%s%s".formatted(db, l.table(), modifier)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void produce() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            for (var e : PRODUCED.entrySet()) {
                for (int i = 0; i < e.getValue(); i++) {
                    SpecificRecord r = switch (e.getKey().name()) {
                        case "qe.heartbeats.v1" -> SampleRecords.heartbeat(bot);
                        case "qe.order-decisions.v1" -> SampleRecords.orderDecision(bot);
                        case "qe.executions.v1" -> SampleRecords.execution(bot);
                        default -> SampleRecords.supervisorEvent(bot);
                    };
                    r.put(r.getSchema().getField("ts_ms").pos(), now - 60_000L + i * 100L);
                    TopicSpec<Object> topic = (TopicSpec<Object>) e.getKey();
                    producer.send(new ProducerRecord<>(topic.name(), bot.getBytes(), topic.valueSerde().serializer().serialize(topic.name(), r)));
                }
            }
            producer.flush();
        }
    }
}
