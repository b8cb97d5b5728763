package com.quantumedge.supervisor.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.avro.AvroTypeException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;

class AvroJsonTest {

    @Test
    @DisplayName("every value type converts to plain JSON and back unchanged")
    void roundTripsEveryValueType() {
        for (Map.Entry<TopicSpec<?>, SpecificRecord> e : SampleRecords.oneOfEach("bot-a").entrySet()) {
            String json = AvroJson.toJson(e.getValue());
            @SuppressWarnings("unchecked")
            Class<SpecificRecord> type = (Class<SpecificRecord>) e.getKey().valueType();
            assertThat(AvroJson.fromJson(json, type)).as(e.getKey().name()).isEqualTo(e.getValue());
        }
    }

    @Test
    @DisplayName("unions are written as plain values, enums as strings")
    void writesPlainJson() {
        String json = AvroJson.toJson(SampleRecords.heartbeat("bot-a"));
        assertThat(json).contains("\"equity\":10250.75").contains("\"side\":\"SELL\"").contains("\"mark_price\":null");
    }

    @Test
    @DisplayName("missing optional fields take their defaults")
    void appliesDefaults() {
        Heartbeat hb = AvroJson.fromJson("{\"event_id\":\"e\",\"bot_id\":\"b\",\"ts_ms\":1}", Heartbeat.class);
        assertThat(hb.getPositions()).isEmpty();
        assertThat(hb.getEquity()).isNull();
    }

    @Test
    @DisplayName("a wrong type names the offending field")
    void namesTheOffendingField() {
        assertThatThrownBy(() -> AvroJson.fromJson(
                "{\"event_id\":\"e\",\"bot_id\":\"b\",\"ts_ms\":1,\"command_id\":\"c\",\"command_type\":\"EXPLODE\","
                        + "\"issued_by\":\"x\",\"reason\":\"r\"}", OperatorCommand.class))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("OperatorCommand.command_type");
        assertThatThrownBy(() -> AvroJson.fromJson("{\"bot_id\":\"b\",\"ts_ms\":1}", Heartbeat.class))
                .hasMessageContaining("Heartbeat.event_id: required field missing");
    }
}
