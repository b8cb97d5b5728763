package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.testing.Produce;
import com.quantumedge.supervisor.sink.testing.RunningSink;

class PoisonRecordTest {

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();
    private final String bot = SharedKafkaBroker.uniqueName("bot");

    @Test
    @DisplayName("an undecodable record goes to sup.dlq.v1 with its reason and source, and the records after it still land")
    void poisonGoesToDlqAndSinkGoesOn() throws Exception {
        RunningSink.migrate(ch, db);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        try (Produce produce = new Produce(); RunningSink sink = RunningSink.start(
                RunningSink.settings(db, SharedKafkaBroker.uniqueName("group")), ch)) {
            produce.sendRaw(Topics.EXECUTIONS.name(), bot, garbage);
            produce.flush();
            produce.send(Topics.EXECUTIONS, bot, SampleRecords.execution(bot));
            produce.send(Topics.HEARTBEATS, bot, SampleRecords.heartbeat(bot));
            produce.flush();

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    ch.queryLong("SELECT count() FROM %s.executions WHERE bot_id = '%s'".formatted(db, bot)) == 1
                            && ch.queryLong("SELECT count() FROM %s.heartbeats WHERE bot_id = '%s'".formatted(db, bot)) == 1);
            assertThat(sink.registry.find("tsdb.sink.dead.letters").tag("reason", "BAD_HEADER").counter())
                    .isNotNull().satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1));
        }

        ConsumerRecord<byte[], byte[]> letter = deadLetterFor(bot);
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.EXECUTIONS.name());
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.FAILED_BY)).isEqualTo("tsdb-sink");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).isEqualTo("BAD_HEADER");
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterFor(String bot) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, SharedKafkaBroker.uniqueName("dlq-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.DLQ.name()));
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(bot)
                            && "tsdb-sink".equals(DeadLetter.header(r.headers(), DeadLetter.FAILED_BY))) {
                        found.add(r);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}
