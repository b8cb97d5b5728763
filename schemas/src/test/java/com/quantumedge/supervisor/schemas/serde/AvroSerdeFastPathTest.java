package com.quantumedge.supervisor.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.schemas.fixtures.Concurrently;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.fixtures.RandomRecords;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.history.SchemaHistory;

/**
 * {@link AvroSerde}'s fast paths against Avro's own message coders, which the serde used alone before
 * and still falls back to: the same bytes written, the same values read, the same errors raised.
 */
class AvroSerdeFastPathTest {

    private static <T extends SpecificRecordBase> byte[] reference(TopicSpec<T> topic, T value) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<T>(SpecificData.getForClass(topic.valueType()),
                    SpecificData.getForClass(topic.valueType()).getSchema(topic.valueType())).encode(value);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the serde decoded before the fast path: Avro's message decoder over every known version. */
    private static <T extends SpecificRecordBase> T referenceDecode(TopicSpec<T> topic, byte[] bytes) throws java.io.IOException {
        SpecificData model = SpecificData.getForClass(topic.valueType());
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, model.getSchema(topic.valueType()));
        SchemaHistory.get().versions(topic.valueType()).forEach(v -> decoder.addSchema(v.schema()));
        return decoder.decode(bytes);
    }


    private static final List<TopicSpec<? extends SpecificRecordBase>> OUTPUTS =
            List.of(Topics.ORDER_DECISIONS, Topics.EVENTS, Topics.RISK_STATE);
    private static final List<TopicSpec<? extends SpecificRecordBase>> INPUTS =
            List.of(Topics.ORDER_REQUESTS, Topics.EXECUTIONS, Topics.HEARTBEATS, Topics.OPERATOR_COMMANDS);

    @Test
    @DisplayName("outputs are encoded to exactly the bytes of their topic's serde")
    void encoderWritesTheSerdesBytes() {
        Random random = new Random(6);
        for (TopicSpec<? extends SpecificRecordBase> topic : OUTPUTS) {
            for (int i = 0; i < 3_000; i++) {
                assertSameBytes(topic, random);
            }
        }
    }

    private static <T extends SpecificRecordBase> void assertSameBytes(TopicSpec<T> topic, Random random) {
        T value = RandomRecords.of(topic.valueType(), random);
        assertThat(topic.valueSerde().serializer().serialize(topic.name(), value)).as("%s", value)
                .isEqualTo(reference(topic, value));
    }

    @Test
    @DisplayName("a record Avro refuses is refused with the serde's error, and the next one is encoded right")
    void encoderFailsLikeTheSerde() {
        OrderDecision broken = new OrderDecision();

        Throwable actual = catchThrowable(() -> Topics.ORDER_DECISIONS.valueSerde().serializer().serialize("t", broken));

        assertThat(actual).isInstanceOf(SerializationException.class).hasMessageStartingWith("Cannot encode OrderDecision: ");
        assertSameBytes(Topics.ORDER_DECISIONS, new Random(7));
        assertThat(Topics.ORDER_DECISIONS.valueSerde().serializer().serialize("t", null)).isNull();
    }

    @Test
    @DisplayName("threads encoding at the same time each get the serde's bytes")
    void encoderThreadSafe() throws Exception {
        assertThat(Concurrently.holdsOnEveryThread(4, 200, seed -> {
            Random random = new Random(seed);
            for (int i = 0; i < 2_000; i++) {
                SupervisorEvent event = RandomRecords.of(SupervisorEvent.class, random);
                if (!Arrays.equals(Topics.EVENTS.valueSerde().serializer().serialize("t", event), reference(Topics.EVENTS, event))) {
                    return false;
                }
            }
            return true;
        })).isTrue();
    }

    @Test
    @DisplayName("inputs of the current schema decode to what the serde decodes")
    void decoderReadsWhatTheSerdeReads() {
        Random random = new Random(8);
        for (TopicSpec<? extends SpecificRecordBase> topic : INPUTS) {
            for (int i = 0; i < 3_000; i++) {
                byte[] bytes = encode(topic, random);
                assertSameOutcome(topic, bytes);
            }
        }
    }

    @Test
    @DisplayName("a heartbeat of schema version 1 is resolved as the serde resolves it")
    void decoderResolvesOlderVersionsThroughTheSerde() {
        Schema v1 = SchemaHistory.get().versions(Heartbeat.class).get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "e-1");
        old.put("bot_id", "bot-a");
        old.put("ts_ms", 1L);
        old.put("equity", 1000.0);
        old.put("realized_pnl_today", 5.0);
        old.put("trading_day", "2025-11-24");
        old.put("extra", Map.of("k", "v"));
        for (Schema.Field field : v1.getFields()) {
            if (old.get(field.name()) == null && field.schema().getType() != Schema.Type.UNION) {
                old.put(field.name(), GenericData.get().getDefaultValue(field));
            }
        }

        byte[] bytes = encodeGeneric(v1, old);

        assertSameOutcome(Topics.HEARTBEATS, bytes);
        assertThat(Topics.HEARTBEATS.valueSerde().deserializer().deserialize("t", bytes).getEquity()).isEqualTo(1000.0);
    }

    @Test
    @DisplayName("damaged inputs (bad marker, unknown fingerprint, truncated, flipped or extra bytes) fail or decode exactly as with the serde")
    void decoderFailsLikeTheSerde() {
        Random random = new Random(9);
        for (TopicSpec<? extends SpecificRecordBase> topic : INPUTS) {
            for (int i = 0; i < 2_000; i++) {
                byte[] bytes = encode(topic, random);
                byte[] damaged = switch (i % 5) {
                    case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
                    case 1 -> Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                    case 2 -> {
                        byte[] copy = bytes.clone();
                        copy[random.nextInt(2)] ^= (byte) (1 + random.nextInt(255));
                        yield copy;
                    }
                    case 3 -> {
                        byte[] copy = bytes.clone();
                        copy[2 + random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
                        yield copy;
                    }
                    default -> {
                        byte[] copy = bytes.clone();
                        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                            copy[10 + random.nextInt(copy.length - 10)] ^= (byte) (1 << random.nextInt(8));
                        }
                        yield copy;
                    }
                };
                assertSameOutcome(topic, damaged);
            }
        }
        assertSameOutcome(Topics.ORDER_REQUESTS, new byte[0]);
        assertThat(Topics.ORDER_REQUESTS.valueSerde().deserializer().deserialize("t", null)).isNull();
    }

    private static <T extends SpecificRecordBase> byte[] encode(TopicSpec<T> topic, Random random) {
        return reference(topic, RandomRecords.of(topic.valueType(), random));
    }

    private static <T extends SpecificRecordBase> void assertSameOutcome(TopicSpec<T> topic, byte[] bytes) {
        T expected;
        try {
            expected = referenceDecode(topic, bytes);
        } catch (java.io.IOException | RuntimeException e) {
            assertThatThrownBy(() -> topic.valueSerde().deserializer().deserialize(topic.name(), bytes))
                    .isInstanceOf(RecordDecodingException.class);
            return;
        }
        T actual = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
        // Compared by their encoding: generated equals() says NaN != NaN.
        assertThat(actual).hasSameClassAs(expected);
        assertThat(reference(topic, actual)).isEqualTo(reference(topic, expected));
    }

    private static byte[] encodeGeneric(Schema schema, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
