package com.quantumedge.supervisor.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.schemas.history.SchemaHistory;
import com.quantumedge.supervisor.schemas.serde.RecordDecodingException.Reason;

class AvroSerdeTest {

    @Test
    @DisplayName("every catalog value type survives encode then decode unchanged")
    void roundTripsEveryValueType() {
        for (Map.Entry<TopicSpec<?>, SpecificRecord> e : SampleRecords.oneOfEach("bot-a").entrySet()) {
            @SuppressWarnings("unchecked")
            TopicSpec<SpecificRecord> topic = (TopicSpec<SpecificRecord>) e.getKey();
            byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), e.getValue());
            SpecificRecord back = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
            assertThat(back).as(topic.name()).isEqualTo(e.getValue());
        }
    }

    @Test
    @DisplayName("values are single-object encoded: marker C3 01 then the schema's CRC-64-AVRO fingerprint")
    void writesSingleObjectEncoding() {
        Tick tick = SampleRecords.tick("bot-a");
        byte[] bytes = AvroSerde.of(Tick.class).encode(tick);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(Tick.getClassSchema()));
    }

    @Test
    @DisplayName("a heartbeat written with schema version 1 is read by the current reader with defaults")
    void readsOlderVersion() {
        Schema v1 = SchemaHistory.get().versions(Heartbeat.class).get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "e-1");
        old.put("bot_id", "bot-a");
        old.put("ts_ms", 1L);
        old.put("uptime_s", 12.0);
        old.put("equity", 1000.0);
        old.put("realized_pnl_today", 5.0);
        old.put("trading_day", "2025-11-24");
        old.put("extra", Map.of("k", "v"));
        byte[] bytes = encode(v1, old);

        Heartbeat read = AvroSerde.of(Heartbeat.class).decode("t", bytes);

        assertThat(read.getEquity()).isEqualTo(1000.0);
        assertThat(read.getExtra()).containsEntry("k", "v");
        assertThat(read.getPositions()).isEmpty();
        assertThat(read.getOpenOrderCount()).isZero();
        assertThat(read.getMode()).isNull();
    }

    @Test
    @DisplayName("an operator command written with version 1 (before LLM_CHECK) is read by the current reader, its type by name")
    void readsOperatorCommandVersion1() {
        Schema v1 = SchemaHistory.get().versions(OperatorCommand.class).get(0).schema();
        assertThat(v1.getField("command_type").schema().getEnumSymbols()).doesNotContain("LLM_CHECK");
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "e-1");
        old.put("bot_id", "bot-a");
        old.put("ts_ms", 1L);
        old.put("command_id", "c-1");
        old.put("command_type", new GenericData.EnumSymbol(v1.getField("command_type").schema(), "UNKNOWN"));
        old.put("issued_by", "ops");
        old.put("reason", "r");
        old.put("args", Map.of());
        old.put("source", "CLI");

        OperatorCommand read = AvroSerde.of(OperatorCommand.class).decode("t", encode(v1, old));

        assertThat(read.getCommandType()).isEqualTo(CommandType.UNKNOWN);
        assertThat(read.getSource()).isEqualTo("CLI");
    }

    @Test
    @DisplayName("risk limits written with version 1 are read by the current reader, the equity-relative limits and disabled checks unset")
    void readsRiskLimitsVersion1() {
        Schema v1 = SchemaHistory.get().versions(RiskLimits.class).get(0).schema();
        assertThat(v1.getField("disabled_checks")).isNull();
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "e-1");
        old.put("bot_id", "*");
        old.put("ts_ms", 1L);
        old.put("version", 3L);
        old.put("updated_by", "ops");
        old.put("reason", "r");
        old.put("max_order_qty", 5.0);
        old.put("symbols", Map.of());

        RiskLimits read = AvroSerde.of(RiskLimits.class).decode("t", encode(v1, old));

        assertThat(read.getMaxOrderQty()).isEqualTo(5.0);
        assertThat(read.getVersion()).isEqualTo(3L);
        assertThat(read.getMaxOrderNotionalPctEquity()).isNull();
        assertThat(read.getDisabledChecks()).isNull();
    }

    @Test
    @DisplayName("an order decision written with version 1 (before EQUITY_UNKNOWN) is read by the current reader, its code by name")
    void readsOrderDecisionVersion1() {
        Schema v1 = SchemaHistory.get().versions(OrderDecision.class).get(0).schema();
        assertThat(v1.getField("code").schema().getEnumSymbols()).doesNotContain("EQUITY_UNKNOWN");
        OrderDecision current = SampleRecords.orderDecision("bot-a");
        current.setCode(DecisionCode.DRAWDOWN_LIMIT);
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field f : v1.getFields()) {
            Object value = current.get(f.name());
            if (value instanceof Enum<?> symbol) {
                value = new GenericData.EnumSymbol(f.schema(), symbol.name());
            }
            old.put(f.name(), value);
        }

        OrderDecision read = AvroSerde.of(OrderDecision.class).decode("t", encode(v1, old));

        assertThat(read).isEqualTo(current);
    }

    @Test
    @DisplayName("a version 1 reader meeting EQUITY_UNKNOWN reads the enum's default UNKNOWN instead of failing")
    void oldReaderReadsNewDecisionCodeAsUnknown() throws Exception {
        Schema v1 = SchemaHistory.get().versions(OrderDecision.class).get(0).schema();
        OrderDecision current = SampleRecords.orderDecision("bot-a");
        current.setCode(DecisionCode.EQUITY_UNKNOWN);
        byte[] bytes = AvroSerde.of(OrderDecision.class).encode(current);

        var oldReader = new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1);
        oldReader.addSchema(OrderDecision.getClassSchema());
        GenericRecord read = oldReader.decode(bytes);

        assertThat(read.get("code").toString()).isEqualTo("UNKNOWN");
    }

    @Test
    @DisplayName("an operator command written with version 2 (before RETIRE moved UNKNOWN's position) keeps its type, read by name")
    void readsOperatorCommandVersion2() {
        Schema v2 = SchemaHistory.get().versions(OperatorCommand.class).get(1).schema();
        assertThat(v2.getField("command_type").schema().getEnumSymbols()).contains("LLM_CHECK").doesNotContain("RETIRE");
        for (String type : List.of("LLM_CHECK", "UNKNOWN")) {
            GenericRecord old = new GenericData.Record(v2);
            old.put("event_id", "e-1");
            old.put("bot_id", "bot-a");
            old.put("ts_ms", 1L);
            old.put("command_id", "c-1");
            old.put("command_type", new GenericData.EnumSymbol(v2.getField("command_type").schema(), type));
            old.put("issued_by", "ops");
            old.put("reason", "r");
            old.put("args", Map.of());
            old.put("source", "HTTP");

            assertThat(AvroSerde.of(OperatorCommand.class).decode("t", encode(v2, old)).getCommandType()).isEqualTo(CommandType.valueOf(type));
        }
    }

    @Test
    @DisplayName("an unknown fingerprint gives UNKNOWN_FINGERPRINT")
    void rejectsUnknownFingerprint() {
        byte[] bytes = AvroSerde.of(Tick.class).encode(SampleRecords.tick("bot-a"));
        bytes[5] ^= 0x55;
        assertThatThrownBy(() -> AvroSerde.of(Tick.class).deserialize("sup.ticks.v1", bytes))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
                    assertThat(e.topic()).isEqualTo("sup.ticks.v1");
                });
    }

    @Test
    @DisplayName("bytes without the single-object marker give BAD_HEADER")
    void rejectsGarbage() {
        byte[] garbage = "{\"bot_id\":\"json is not avro\"}".getBytes();
        assertThatThrownBy(() -> AvroSerde.of(Heartbeat.class).deserialize("t", garbage))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_HEADER));
    }

    @Test
    @DisplayName("a valid header with a truncated body gives CORRUPT_BODY")
    void rejectsTruncatedBody() {
        byte[] bytes = AvroSerde.of(Heartbeat.class).encode(SampleRecords.heartbeat("bot-a"));
        byte[] truncated = Arrays.copyOf(bytes, 16);
        assertThatThrownBy(() -> AvroSerde.of(Heartbeat.class).deserialize("t", truncated))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY));
    }

    @Test
    @DisplayName("a record of another type is not silently read as this one")
    void rejectsOtherRecordType() {
        byte[] tickBytes = AvroSerde.of(Tick.class).encode(SampleRecords.tick("bot-a"));
        assertThatThrownBy(() -> Topics.HEARTBEATS.valueSerde().deserializer().deserialize("t", tickBytes))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT));
    }

    @Test
    @DisplayName("null values (tombstones) pass through as null")
    void passesTombstones() {
        assertThat(AvroSerde.of(Tick.class).serialize("t", null)).isNull();
        assertThat(AvroSerde.of(Tick.class).deserialize("t", null)).isNull();
    }

    static byte[] encode(Schema schema, GenericRecord record) {
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
