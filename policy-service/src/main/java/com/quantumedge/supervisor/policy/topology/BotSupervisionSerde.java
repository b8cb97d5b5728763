package com.quantumedge.supervisor.policy.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import com.quantumedge.supervisor.policy.engine.BotSupervision;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON serde of the per-bot policy state: internal to this service, readable in the changelog. */
final class BotSupervisionSerde implements Serde<BotSupervision> {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public Serializer<BotSupervision> serializer() {
        return (topic, state) -> state == null ? null : MAPPER.writeValueAsBytes(state);
    }

    @Override
    public Deserializer<BotSupervision> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readValue(bytes, BotSupervision.class);
            } catch (RuntimeException e) {
                throw new SerializationException("Unreadable policy state in " + topic, e);
            }
        };
    }
}
