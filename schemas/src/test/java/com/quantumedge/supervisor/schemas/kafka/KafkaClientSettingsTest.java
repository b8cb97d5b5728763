package com.quantumedge.supervisor.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class KafkaClientSettingsTest {

    @Test
    @DisplayName("a client's own key wins over the deployment's setting of it; every other setting reaches the client")
    void ownKeysWin() {
        KafkaClientSettings settings = KafkaClientSettings.of(Map.of("bootstrap.servers", "k:9093", "acks", "1",
                "sasl.mechanism", "SCRAM-SHA-512"));

        assertThat(settings.producer(Map.of("acks", "all", "linger.ms", 0)))
                .containsEntry("acks", "all").containsEntry("linger.ms", 0)
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("bootstrap.servers", "k:9093");
    }

    @Test
    @DisplayName("spring.kafka.* reaches every kind of client: bootstrap, security protocol, ssl.*, properties.*")
    void commonSpringSettingsReachEveryKind() {
        KafkaClientSettings settings = KafkaClientSettings.from(bind(Map.of(
                "spring.kafka.bootstrap-servers", "k1:9093,k2:9093",
                "spring.kafka.security.protocol", "SASL_SSL",
                "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "spring.kafka.properties.sasl.jaas.config", "ScramLoginModule required;",
                "spring.kafka.ssl.trust-store-location", "file:/etc/qe/truststore.p12",
                "spring.kafka.ssl.trust-store-type", "PKCS12")));

        for (Map<String, Object> config : List.of(settings.producer(Map.of()), settings.consumer(Map.of()), settings.admin(Map.of()),
                new HashMap<>(toMap(settings.streams(Map.of()))))) {
            assertThat(config).containsEntry("bootstrap.servers", List.of("k1:9093", "k2:9093"))
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", "ScramLoginModule required;")
                    .containsEntry("ssl.truststore.location", "/etc/qe/truststore.p12").containsEntry("ssl.truststore.type", "PKCS12");
        }
        assertThat(settings.bootstrapServers()).isEqualTo("k1:9093,k2:9093");
    }

    @Test
    @DisplayName("spring.kafka.producer/consumer/admin/streams settings reach only their kind of client")
    void perKindSpringSettings() {
        KafkaClientSettings settings = KafkaClientSettings.from(bind(Map.of(
                "spring.kafka.bootstrap-servers", "k:9093",
                "spring.kafka.producer.acks", "all",
                "spring.kafka.producer.properties.enable.idempotence", "true",
                "spring.kafka.consumer.properties.fetch.max.wait.ms", "250",
                "spring.kafka.admin.properties.retries", "7",
                "spring.kafka.streams.replication-factor", "3",
                "spring.kafka.streams.properties.num.standby.replicas", "1")));

        assertThat(settings.producer(Map.of())).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .doesNotContainKeys("fetch.max.wait.ms", "replication.factor");
        assertThat(settings.consumer(Map.of())).containsEntry("fetch.max.wait.ms", "250").doesNotContainKey("acks");
        assertThat(settings.admin(Map.of())).containsEntry("retries", "7").doesNotContainKey("acks");
        assertThat(toMap(settings.streams(Map.of()))).containsEntry("replication.factor", 3)
                .containsEntry("num.standby.replicas", "1").doesNotContainKey("acks");
    }

    @Test
    @DisplayName("spring.kafka.ssl.bundle is refused at startup rather than silently ignored")
    void sslBundleRefused() {
        KafkaProperties properties = bind(Map.of("spring.kafka.ssl.bundle", "kafka"));

        assertThatThrownBy(() -> KafkaClientSettings.from(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spring.kafka.ssl.bundle");
    }

    private static KafkaProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("spring.kafka", KafkaProperties.class);
    }

    private static Map<String, Object> toMap(java.util.Properties properties) {
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, v));
        return map;
    }
}
