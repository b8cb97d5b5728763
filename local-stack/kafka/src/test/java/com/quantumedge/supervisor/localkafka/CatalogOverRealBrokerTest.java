package com.quantumedge.supervisor.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.schemas.history.SchemaHistory;
import com.quantumedge.supervisor.schemas.serde.AvroSerde;

/** The Avro contract over a real broker: every value type, old versions, and poison records. */
@ExtendWith(KafkaBrokerExtension.class)
class CatalogOverRealBrokerTest {

    @Test
    @DisplayName("one record of every value type is written and read back through the catalog serdes")
    void everyValueTypeRoundTrips() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        Map<TopicSpec<?>, SpecificRecord> samples = SampleRecords.oneOfEach(bot);
        for (Map.Entry<TopicSpec<?>, SpecificRecord> e : samples.entrySet()) {
            @SuppressWarnings("unchecked")
            TopicSpec<SpecificRecord> topic = (TopicSpec<SpecificRecord>) e.getKey();
            try (KafkaProducer<String, SpecificRecord> producer =
                         new KafkaProducer<>(producerProps(), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topic.name(), bot, e.getValue())).get();
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
            List<ConsumerRecord<String, SpecificRecord>> read =
                    readAll(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer(), bot, 1);
            assertThat(read).as(topic.name()).hasSize(1);
            assertThat(read.get(0).value()).as(topic.name()).isEqualTo(e.getValue());
        }
    }

    @Test
    @DisplayName("a heartbeat written with schema v1 is read by a consumer built on the current schema")
    void oldVersionIsReadByNewConsumer() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        Schema v1 = SchemaHistory.get().versions(Heartbeat.class).get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "e-v1");
        old.put("bot_id", bot);
        old.put("ts_ms", 7L);
        old.put("uptime_s", 1.5);
        old.put("equity", 999.0);
        old.put("realized_pnl_today", 0.0);
        old.put("trading_day", "2025-11-24");
        old.put("extra", Map.of());
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try (KafkaProducer<String, byte[]> producer = bytesProducer()) {
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), bot, bytes)).get();
        }

        List<ConsumerRecord<String, Heartbeat>> read = readAll(Topics.HEARTBEATS.name(),
                new StringDeserializer(), Topics.HEARTBEATS.valueSerde().deserializer(), bot, 1);

        Heartbeat hb = read.get(0).value();
        assertThat(hb.getEventId()).isEqualTo("e-v1");
        assertThat(hb.getEquity()).isEqualTo(999.0);
        assertThat(hb.getPositions()).isEmpty();
        assertThat(hb.getReceivedTsMs()).isZero();
    }

    @Test
    @DisplayName("garbage and unknown-fingerprint records go to the DLQ with their reason; the loop reads on")
    void poisonRecordsAreRoutedAndTheLoopContinues() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("poison");
        try (var admin = SharedKafkaBroker.admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
        }
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        byte[] good1 = serde.encode(SampleRecords.tick("b1"));
        byte[] unknown = serde.encode(SampleRecords.tick("b2"));
        unknown[4] ^= 0x7F;
        byte[] garbage = "not avro at all".getBytes();
        byte[] good2 = serde.encode(SampleRecords.tick("b3"));
        try (KafkaProducer<String, byte[]> producer = bytesProducer()) {
            for (byte[] value : List.of(good1, unknown, garbage, good2)) {
                producer.send(new ProducerRecord<>(topic, "k", value)).get();
            }
        }

        List<Tick> delivered = new ArrayList<>();
        String service = "catalog-test";
        Properties props = consumerProps();
        try (KafkaConsumer<String, Tick> consumer = new KafkaConsumer<>(props, new StringDeserializer(), serde);
             KafkaProducer<byte[], byte[]> dlq = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 20_000;
            while (delivered.size() < 2 && System.currentTimeMillis() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> delivered.add(r.value()));
                } catch (RecordDeserializationException e) {
                    dlq.send(DeadLetter.of(e, service)).get();
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        assertThat(delivered).extracting(Tick::getBotId).containsExactly("b1", "b3");

        Map<String, byte[]> byReason = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.DLQ.name(), new StringDeserializer(), new ByteArrayDeserializer(), null, -1)) {
            if (topic.equals(DeadLetter.header(r.headers(), DeadLetter.SOURCE_TOPIC))) {
                assertThat(DeadLetter.header(r.headers(), DeadLetter.FAILED_BY)).isEqualTo(service);
                assertThat(r.key()).isEqualTo("k");
                byReason.put(DeadLetter.header(r.headers(), DeadLetter.REASON), r.value());
            }
        }
        assertThat(byReason).hasSize(2);
        assertThat(byReason.keySet()).containsExactlyInAnyOrder("UNKNOWN_FINGERPRINT", "BAD_HEADER");
        assertThat(byReason.get("BAD_HEADER")).isEqualTo(garbage);
        assertThat(byReason.get("UNKNOWN_FINGERPRINT")).isEqualTo(unknown);
    }

    private static <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values,
            String key, int expected) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerProps(), keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(100))) {
                    if (key == null || key.equals(r.key())) {
                        out.add(r);
                    }
                }
                boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if ((expected >= 0 && out.size() >= expected) || (expected < 0 && atEnd)) {
                    break;
                }
            }
        }
        return out;
    }

    private static KafkaProducer<String, byte[]> bytesProducer() {
        return new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer());
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }
}
