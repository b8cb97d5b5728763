package com.quantumedge.supervisor.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KafkaClientsProbeTest {

    @Test
    @DisplayName("a client built from the bootstrap address alone is reported as lacking the settings; one built with them is not")
    void reportsClientBuiltByHand() {
        try (KafkaClientsProbe probe = KafkaClientsProbe.open()) {
            Map<String, Object> withSettings = new HashMap<>();
            KafkaClientsProbe.commandConfig().forEach((k, v) -> withSettings.put((String) k, v));
            create(KafkaClientSettings.of(withSettings).producer(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "probe-configured")));
            create(KafkaClientSettings.bootstrap("127.0.0.1:9").producer(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "probe-by-hand")));

            assertThat(probe.clientIds()).containsExactly("probe-configured", "probe-by-hand");
            assertThat(probe.lacking()).isNotEmpty().allMatch(line -> line.startsWith("ProducerConfig probe-by-hand: "));
        }
    }

    private static void create(Map<String, Object> config) {
        config.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()).close(Duration.ZERO);
    }
}
