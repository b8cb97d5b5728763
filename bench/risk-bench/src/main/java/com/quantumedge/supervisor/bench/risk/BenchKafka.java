package com.quantumedge.supervisor.bench.risk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.TopicConfig;

import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * The Kafka a benchmark runs on, chosen with {@code -Dbench.kafka}: {@code single} (default), one
 * PLAINTEXT broker in this JVM as {@code ./supervisor up} runs it, topics with one replica; or
 * {@code secured}, the production-shaped {@link SecuredKafkaCluster} (three nodes in this JVM, SASL_SSL
 * SCRAM-SHA-512, ACLs, replication 3, {@code min.insync.replicas} 2). Producers use {@code acks=all}
 * in both (Kafka's default, and the services'). On the secured cluster each service connects as its own
 * principal; the benchmark's own clients for topics outside the catalog connect as the admin.
 */
final class BenchKafka implements AutoCloseable {

    private final AutoCloseable kafka;
    private final Optional<SecuredKafkaCluster> secured;
    private final String bootstrap;

    private BenchKafka(AutoCloseable kafka, Optional<SecuredKafkaCluster> secured, String bootstrap) {
        this.kafka = kafka;
        this.secured = secured;
        this.bootstrap = bootstrap;
    }

    /** {@code -Dbench.kafka=single|secured}. */
    static BenchKafka fromSystemProperty(Path dir) {
        String kind = System.getProperty("bench.kafka", "single");
        return switch (kind) {
            case "single" -> single(dir);
            case "secured" -> secured(dir);
            default -> throw new IllegalArgumentException("-Dbench.kafka=" + kind + ": expected single or secured");
        };
    }

    static BenchKafka single(Path dir) {
        LocalKafkaBroker broker = LocalKafkaBroker.start(dir);
        BenchKafka kafka = new BenchKafka(broker, Optional.empty(), broker.bootstrapServers());
        try (Admin admin = Admin.create(kafka.admin().admin(Map.of()))) {
            new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
        }
        return kafka;
    }

    static BenchKafka secured(Path dir) {
        SecuredKafkaCluster cluster = SecuredKafkaCluster.start(dir.resolve("secured-kafka"));
        cluster.provisionCatalog();
        return new BenchKafka(cluster, Optional.of(cluster), cluster.bootstrapServers());
    }

    Optional<SecuredKafkaCluster> securedCluster() {
        return secured;
    }

    String describe() {
        return secured.isPresent() ? "secured 3-node cluster (SASL_SSL SCRAM-SHA-512, ACLs, RF 3, min ISR 2, acks=all)"
                : "single PLAINTEXT broker (RF 1, acks=all)";
    }

    int replicationFactor() {
        return secured.isPresent() ? SecuredKafkaCluster.NODES : 1;
    }

    /** A service's client settings: its own principal on the secured cluster, the bootstrap address otherwise. */
    KafkaClientSettings client(ServiceAccount account) {
        return secured.map(c -> KafkaClientSettings.of(c.clientProperties(account))).orElseGet(() -> KafkaClientSettings.bootstrap(bootstrap));
    }

    /** The super user's settings on the secured cluster (topics outside the catalog), the bootstrap address otherwise. */
    KafkaClientSettings admin() {
        return secured.map(c -> KafkaClientSettings.of(c.adminProperties())).orElseGet(() -> KafkaClientSettings.bootstrap(bootstrap));
    }

    /** Kafka Streams settings beyond the client's: internal topics replicated like the catalog's. */
    Map<String, Object> streamsReplication() {
        return secured.isPresent() ? Map.of("replication.factor", SecuredKafkaCluster.NODES, "topic.min.insync.replicas", "2") : Map.of();
    }

    /** A benchmark's own topic, replicated like the catalog's. */
    void createTopic(String name, int partitions) throws Exception {
        NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor());
        if (secured.isPresent()) {
            topic.configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
        }
        try (Admin admin = Admin.create(admin().admin(Map.of()))) {
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** {@code spring.kafka.*} arguments of a service connecting as {@code account}, as deploy/production/common.env.example sets them. */
    List<String> springArguments(ServiceAccount account) {
        List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrap));
        secured.ifPresent(c -> {
            Map<String, Object> p = c.clientProperties(account);
            args.add("--spring.kafka.security.protocol=SASL_SSL");
            args.add("--spring.kafka.properties.sasl.mechanism=" + SecuredKafkaCluster.SASL_MECHANISM);
            args.add("--spring.kafka.properties.sasl.jaas.config=" + p.get(SaslConfigs.SASL_JAAS_CONFIG));
            args.add("--spring.kafka.ssl.trust-store-location=file:" + p.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG));
            args.add("--spring.kafka.ssl.trust-store-password=" + p.get(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG));
            args.add("--spring.kafka.ssl.trust-store-type=" + p.get(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG));
            args.add("--spring.kafka.producer.acks=all");
        });
        return args;
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }
}
