package com.quantumedge.supervisor.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OpenOrderReport;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.schemas.history.SchemaHistory;
import com.quantumedge.supervisor.schemas.history.SchemaVersion;

class AvroToRowBinaryTest {

    private static final TableLayouts LAYOUTS = TableLayouts.forCatalog(Set.of());
    private static final String AWKWARD = "q\"uote\\back\nnl\rcr\ttab\u0001ctl\u007fdel é 漢 😀";

    @Test
    @DisplayName("every record type: the row written straight from the bytes equals the row of the decoded record, "
            + "and only the map of two entries is left to the decoder")
    void sameRowAsTheDecoderForEveryRecordType() {
        List<String> declined = new ArrayList<>();
        SampleRecords.oneOfEach("bot-1").forEach((topic, record) -> {
            if (!sameRowOrDeclined(topic, record)) {
                declined.add(topic.name());
            }
        });
        assertThat(declined).containsExactly(Topics.EVENTS.name());
    }

    @Test
    @DisplayName("escapes, non-ASCII text, nulls, NaN, infinities, -0.0 and extreme numbers come out as the decoder's row")
    void awkwardValues() {
        Heartbeat h = SampleRecords.heartbeat(AWKWARD);
        h.setTradingDay(AWKWARD);
        h.setExtra(Map.of(AWKWARD, AWKWARD));
        h.setEquity(Double.NaN);
        h.setUptimeS(-0.0);
        h.setUnrealizedPnl(null);
        h.setPositions(List.of(new PositionReport(AWKWARD, Double.POSITIVE_INFINITY, Double.NaN, -0.0),
                new PositionReport("x", Double.MIN_VALUE, Double.MAX_VALUE, 1e-300)));
        h.setOpenOrders(List.of(new OpenOrderReport(null, "", Side.BUY, 0.1 + 0.2, null)));
        h.setReceivedTsMs(Long.MIN_VALUE);
        h.setOpenOrderCount(Integer.MIN_VALUE);
        assertThat(sameRowOrDeclined(Topics.HEARTBEATS, h)).isTrue();

        Execution e = SampleRecords.execution(AWKWARD);
        e.setTsMs(-1);
        e.setPrice(null);
        e.setReason(AWKWARD);
        e.setQty(Double.NEGATIVE_INFINITY);
        assertThat(sameRowOrDeclined(Topics.EXECUTIONS, e)).isTrue();
    }

    @Test
    @DisplayName("a value written with an older schema version is left to the decoder, which resolves it")
    void olderSchemaVersionDeclined() {
        SchemaVersion v1 = SchemaHistory.get().versions(Heartbeat.class).stream().filter(v -> !v.current()).findFirst()
                .orElseThrow();
        GenericRecord old = new GenericData.Record(v1.schema());
        for (Schema.Field f : v1.schema().getFields()) {
            old.put(f.name(), switch (f.name()) {
                case "event_id", "bot_id" -> "old";
                case "ts_ms" -> SampleRecords.TS;
                default -> f.schema().getType() == Schema.Type.MAP ? Map.of() : null;
            });
        }
        byte[] bytes = encode(new BinaryMessageEncoder<>(GenericData.get(), v1.schema()), old);
        RowBinary out = new RowBinary(16);
        assertThat(AvroToRowBinary.of(layout(Topics.HEARTBEATS)).tryAppend(bytes, 0, bytes.length, 0, 0, 0, out)).isFalse();
        assertThat(out.size()).isZero();
        assertThat(decoderRow(Topics.HEARTBEATS, bytes)).isNotEmpty();
    }

    @Test
    @DisplayName("truncated, corrupt or not-UTF-8 values are left to the decoder and leave nothing behind")
    void malformedValuesDeclined() {
        byte[] good = Topics.EXECUTIONS.valueSerde().serializer().serialize("t", SampleRecords.execution("bot-1"));
        AvroToRowBinary encoder = AvroToRowBinary.of(layout(Topics.EXECUTIONS));
        RowBinary out = new RowBinary(16);
        out.writeUInt8(42);

        for (int cut = 0; cut < good.length; cut++) {
            assertThat(encoder.tryAppend(good, 0, cut, 0, 0, 0, out)).as("cut at %d", cut).isFalse();
        }
        byte[] badUnion = good.clone();
        badUnion[badUnion.length - 1] = 0x7F; // the last field's union index, now -64
        assertThat(encoder.tryAppend(badUnion, 0, badUnion.length, 0, 0, 0, out)).isFalse();
        assertThatThrownBy(() -> decoderRow(Topics.EXECUTIONS, badUnion)).isInstanceOf(RuntimeException.class);

        Execution e = SampleRecords.execution("bot-1");
        e.setSymbol("\u00e9");
        byte[] latin = Topics.EXECUTIONS.valueSerde().serializer().serialize("t", e);
        int at = indexOf(latin, new byte[] {(byte) 0xC3, (byte) 0xA9});
        latin[at] = (byte) 0xC0; // an over-long encoding Java decodes to U+FFFD
        assertThat(encoder.tryAppend(latin, 0, latin.length, 0, 0, 0, out)).isFalse();
        assertThat(out.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("a value in the middle of a larger buffer (as Kafka hands it over) is read from its offset")
    void valueAtAnOffset() {
        Execution e = SampleRecords.execution("bot-1");
        byte[] value = Topics.EXECUTIONS.valueSerde().serializer().serialize("t", e);
        byte[] framed = new byte[value.length + 20];
        Arrays.fill(framed, (byte) 0x55);
        System.arraycopy(value, 0, framed, 7, value.length);
        RowBinary direct = new RowBinary(16);
        assertThat(AvroToRowBinary.of(layout(Topics.EXECUTIONS)).tryAppend(framed, 7, value.length, 3, 99, 1_000, direct)).isTrue();
        assertThat(bytes(direct)).isEqualTo(decoderRow(Topics.EXECUTIONS, value, 3, 99, 1_000));
    }

    /** True when the direct row was written and equals the decoder's; false when declined (nothing written). */
    private static boolean sameRowOrDeclined(TopicSpec<?> topic, SpecificRecord record) {
        byte[] value = serialize(topic, record);
        RowBinary direct = new RowBinary(16);
        direct.writeUInt8(7);
        boolean taken = AvroToRowBinary.of(layout(topic)).tryAppend(value, 0, value.length, 4, 1234, SampleRecords.TS, direct);
        if (!taken) {
            assertThat(direct.size()).as("nothing written when declined").isEqualTo(1);
            return false;
        }
        byte[] expected = decoderRow(topic, value, 4, 1234, SampleRecords.TS);
        assertThat(Arrays.copyOfRange(direct.array(), 1, direct.size())).as(topic.name()).isEqualTo(expected);
        return true;
    }

    private static byte[] decoderRow(TopicSpec<?> topic, byte[] value) {
        return decoderRow(topic, value, 0, 0, 0);
    }

    private static byte[] decoderRow(TopicSpec<?> topic, byte[] value, int partition, long offset, long ingestedAtMs) {
        IndexedRecord decoded = (IndexedRecord) topic.valueSerde().deserializer().deserialize(topic.name(), value);
        RowBinary out = new RowBinary(16);
        RowEncoder.append(layout(topic), decoded, topic.name(), partition, offset, ingestedAtMs, out);
        return bytes(out);
    }

    @SuppressWarnings("unchecked")
    private static <V> byte[] serialize(TopicSpec<V> topic, Object record) {
        return topic.valueSerde().serializer().serialize(topic.name(), (V) record);
    }

    private static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T value) {
        try {
            java.nio.ByteBuffer b = encoder.encode(value);
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TableLayout layout(TopicSpec<?> topic) {
        return LAYOUTS.forTopic(topic.name()).orElseThrow();
    }

    private static byte[] bytes(RowBinary out) {
        return Arrays.copyOf(out.array(), out.size());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 10; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
