package com.quantumedge.supervisor.localkafka.secured;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.quantumedge.supervisor.localkafka.EnvironmentFile;
import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.testing.SharedSecuredKafkaCluster;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * {@code deploy/production/common.env.example} is this test's input: its {@code SPRING_KAFKA_*}
 * variables are bound to {@code spring.kafka.*} the way Spring Boot binds a service's environment,
 * only the placeholder address, login and truststore are replaced by the test cluster's, and the
 * clients built from {@link KafkaProperties} must work on the secured cluster. A setting that is
 * renamed, dropped or misspelt in the file fails here, not in production.
 */
class ProductionSettingsOnSecuredClusterTest {

    private static final Path COMMON_ENV = Path.of("../../deploy/production/common.env.example").toAbsolutePath().normalize();
    private static final String PLACEHOLDER_SECRET = "replace-me";
    private static final String JAAS = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG";
    private static final String TRUST_STORE_LOCATION = "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION";
    private static final String TRUST_STORE_PASSWORD = "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD";
    /** Every service's yml: {@code spring.kafka.bootstrap-servers: ${KAFKA_BOOTSTRAP:127.0.0.1:9092}}. */
    private static final String SERVICE_YML_BOOTSTRAP = "${KAFKA_BOOTSTRAP:127.0.0.1:9092}";

    private static final SecuredKafkaCluster cluster = SharedSecuredKafkaCluster.get();
    private static Map<String, String> fileVariables;
    private static KafkaProperties kafka;

    @BeforeAll
    static void bindTheFile() {
        fileVariables = EnvironmentFile.read(COMMON_ENV);
        Map<String, Object> gateway = cluster.clientProperties(ServiceAccount.GATEWAY);
        Map<String, Object> environment = new LinkedHashMap<>(fileVariables);
        environment.put("KAFKA_BOOTSTRAP", cluster.bootstrapServers());
        environment.put(JAAS, gateway.get(SaslConfigs.SASL_JAAS_CONFIG));
        environment.put(TRUST_STORE_LOCATION, "file:" + gateway.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG));
        environment.put(TRUST_STORE_PASSWORD, gateway.get(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG));
        kafka = bind(environment);
    }

    @Test
    @DisplayName("common.env.example holds placeholders, not secrets, where the test puts the cluster's login and truststore")
    void placeholdersOnly() {
        assertThat(fileVariables).containsKeys("KAFKA_BOOTSTRAP", JAAS, TRUST_STORE_LOCATION, TRUST_STORE_PASSWORD);
        assertThat(fileVariables.get(JAAS)).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required ")
                .contains("password=\"" + PLACEHOLDER_SECRET + "\"");
        assertThat(fileVariables.get(TRUST_STORE_LOCATION)).startsWith("file:/");
        assertThat(fileVariables).allSatisfy((name, value) -> {
            if (name.contains("PASSWORD")) {
                assertThat(value).as(name).isEqualTo(PLACEHOLDER_SECRET);
            }
        });
    }

    @Test
    @DisplayName("every client kind gets SASL_SSL, SCRAM-SHA-512 and the PKCS12 truststore; producers acks=all; Streams RF 3, min ISR 2, a standby")
    void settingsReachEveryClientKind() {
        List<Map<String, Object>> kinds = List.of(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
                kafka.buildAdminProperties(), kafka.buildStreamsProperties());
        assertThat(kinds).allSatisfy(config -> assertThat(config)
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                .containsEntry(SaslConfigs.SASL_MECHANISM, SecuredKafkaCluster.SASL_MECHANISM)
                .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12")
                .containsKeys(SaslConfigs.SASL_JAAS_CONFIG, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                        SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG));
        assertThat(kafka.buildProducerProperties()).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        assertThat(kafka.buildStreamsProperties())
                .containsEntry("replication.factor", 3)
                .containsEntry("topic.min.insync.replicas", "2")
                .containsEntry("num.standby.replicas", "1");
    }

    @Test
    @DisplayName("a producer, consumer and admin client built from the file's settings log in and exchange a record on the secured cluster")
    void clientsFromTheFileWorkOnTheSecuredCluster() throws Exception {
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(SecuredKafkaCluster.NODES);
        }
        String key = "production-settings-" + UUID.randomUUID();
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.buildProducerProperties(),
                new StringSerializer(), new StringSerializer())) {
            written = producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), key, key)).get(60, TimeUnit.SECONDS);
        }
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.buildConsumerProperties(),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            ConsumerRecord<String, String> read = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        read = r;
                    }
                }
            }
            assertThat(read).as("record %s at %s", key, written).isNotNull();
            assertThat(read.offset()).isEqualTo(written.offset());
        }
    }

    /**
     * Binds {@code spring.kafka} as a service does: the variables as the system environment
     * (relaxed names: {@code SPRING_KAFKA_PROPERTIES_SASL_MECHANISM} → {@code spring.kafka.properties.sasl.mechanism}),
     * the bootstrap address through the services' yml placeholder. Nothing of this JVM's own
     * environment or system properties takes part.
     */
    private static KafkaProperties bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        sources.addFirst(new MapPropertySource("service.yml", Map.of("spring.kafka.bootstrap-servers", SERVICE_YML_BOOTSTRAP)));
        return Binder.get(environment).bind("spring.kafka", KafkaProperties.class)
                .orElseThrow(() -> new AssertionError("nothing bound under spring.kafka"));
    }
}
