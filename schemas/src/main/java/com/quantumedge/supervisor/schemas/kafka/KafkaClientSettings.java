package com.quantumedge.supervisor.schemas.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * What every Kafka client of the system is built from: the deployment's settings for its kind of
 * client (bootstrap servers, {@code security.protocol}, {@code ssl.*}, {@code sasl.*} and whatever
 * else is configured), with the client's own keys put on top. The services take the deployment's
 * settings from Spring Boot's {@code spring.kafka.*} ({@link #from(KafkaProperties)}), the CLI from
 * its {@code --kafka-config} file ({@link #of(Map)}).
 *
 * <p>Where a client's own key and the deployment name the same setting, the client's wins: its keys
 * are what the code relies on (serializers, group ids, {@code acks=all}, timeouts tuned by
 * measurement), so {@code spring.kafka.producer.acks} reaches only producers that leave acks to the
 * deployment. Everything else the deployment sets reaches every client.
 */
public final class KafkaClientSettings {

    private final Map<String, Object> producer;
    private final Map<String, Object> consumer;
    private final Map<String, Object> admin;
    private final Map<String, Object> streams;

    private KafkaClientSettings(Map<String, ?> producer, Map<String, ?> consumer, Map<String, ?> admin, Map<String, ?> streams) {
        this.producer = Map.copyOf(producer);
        this.consumer = Map.copyOf(consumer);
        this.admin = Map.copyOf(admin);
        this.streams = Map.copyOf(streams);
    }

    /** The same settings for every kind of client, like the file of Kafka's own {@code --command-config}. */
    public static KafkaClientSettings of(Map<String, ?> common) {
        return new KafkaClientSettings(common, common, common, common);
    }

    /** Only a bootstrap address (a local broker without security: tests and benchmarks). */
    public static KafkaClientSettings bootstrap(String bootstrapServers) {
        return of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Spring Boot's {@code spring.kafka.*}: the common settings (bootstrap servers, security, ssl,
     * {@code properties.*}) and those of each kind ({@code producer.*}, {@code consumer.*},
     * {@code admin.*}, {@code streams.*}).
     *
     * @throws IllegalArgumentException for {@code spring.kafka.*.ssl.bundle}, which only Spring's own
     *                                  client factories apply: it would be ignored here, silently
     */
    public static KafkaClientSettings from(KafkaProperties properties) {
        List<KafkaProperties.Ssl> ssl = List.of(properties.getSsl(), properties.getProducer().getSsl(),
                properties.getConsumer().getSsl(), properties.getAdmin().getSsl(), properties.getStreams().getSsl());
        if (ssl.stream().anyMatch(s -> s.getBundle() != null)) {
            throw new IllegalArgumentException("spring.kafka.ssl.bundle is not supported: set spring.kafka.ssl.trust-store-location"
                    + " (and key-store-location) or spring.kafka.properties.ssl.* instead");
        }
        return new KafkaClientSettings(properties.buildProducerProperties(), properties.buildConsumerProperties(),
                properties.buildAdminProperties(), properties.buildStreamsProperties());
    }

    public Map<String, Object> producer(Map<String, ?> own) {
        return merged(producer, own);
    }

    public Map<String, Object> consumer(Map<String, ?> own) {
        return merged(consumer, own);
    }

    public Map<String, Object> admin(Map<String, ?> own) {
        return merged(admin, own);
    }

    public Properties streams(Map<String, ?> own) {
        Properties p = new Properties();
        p.putAll(merged(streams, own));
        return p;
    }

    /** The bootstrap address admin clients use, for logs and messages. */
    public String bootstrapServers() {
        Object servers = admin.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return servers instanceof Collection<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(servers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaClientSettings other && producer.equals(other.producer) && consumer.equals(other.consumer)
                && admin.equals(other.admin) && streams.equals(other.streams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(producer, consumer, admin, streams);
    }

    @Override
    public String toString() {
        return "KafkaClientSettings[" + bootstrapServers() + "]";
    }

    private static Map<String, Object> merged(Map<String, Object> base, Map<String, ?> own) {
        Map<String, Object> config = new HashMap<>(base);
        config.putAll(own);
        return config;
    }
}
