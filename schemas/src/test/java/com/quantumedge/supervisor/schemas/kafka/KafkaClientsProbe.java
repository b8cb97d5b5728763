package com.quantumedge.supervisor.schemas.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Every Kafka producer, consumer and admin client created in this JVM while the probe is open, with
 * the configuration it was built with. Each client logs its whole configuration once, when it is
 * created ({@code ProducerConfig values: ...}), however it was built, so a client built by hand
 * shows up here too, without the settings. Kafka Streams' own clients are among them.
 *
 * <p>Give what is tested the {@link #SETTINGS} ({@link #springArguments()} for a service,
 * {@link #commandConfig()} for the CLI), then ask {@link #lacking()}. They are harmless on a
 * PLAINTEXT broker: SASL and TLS settings are read only for SASL and SSL connections.
 *
 * <p>While open, Spring Boot is told to leave logging alone (it would reset the appender away), and
 * Kafka's config logger logs at INFO to the probe only.
 */
public final class KafkaClientsProbe implements AutoCloseable {

    /** A setting as Kafka names it and the value each client must show (passwords show as {@code [hidden]}). */
    public static final Map<String, String> SETTINGS = settings();

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"probe\" password=\"probe-secret\";";
    private static final String TRUST_STORE = "/nonexistent/qe-probe-truststore.p12";
    /** Where every {@code AbstractConfig} logs its values. */
    private static final String CONFIG_LOGGER = AbstractConfig.class.getName();
    private static final List<String> CLIENT_KINDS = List.of(ProducerConfig.class.getSimpleName(),
            ConsumerConfig.class.getSimpleName(), AdminClientConfig.class.getSimpleName());
    private static final String SPRING_LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    /** One client: its kind (ProducerConfig, ConsumerConfig, AdminClientConfig), client id and logged configuration. */
    public record Client(String kind, String clientId, Map<String, String> config) {

        @Override
        public String toString() {
            return kind + " " + clientId;
        }
    }

    private final Queue<Client> clients = new ConcurrentLinkedQueue<>();
    private final Tap tap = new Tap();
    private final String previousLoggingSystem;
    private final Logger configLogger;
    private final Level previousLevel;
    private final boolean previousAdditivity;

    private KafkaClientsProbe() {
        previousLoggingSystem = System.setProperty(SPRING_LOGGING_SYSTEM, "none");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        tap.setContext(context);
        tap.start();
        configLogger = context.getLogger(CONFIG_LOGGER);
        previousLevel = configLogger.getLevel();
        previousAdditivity = configLogger.isAdditive();
        configLogger.setLevel(Level.INFO);
        configLogger.setAdditive(false);
        configLogger.addAppender(tap);
    }

    public static KafkaClientsProbe open() {
        return new KafkaClientsProbe();
    }

    /** The {@link #SETTINGS} as Spring Boot arguments, set the ways deploy/production/common.env sets them. */
    public static List<String> springArguments() {
        return List.of("--spring.kafka.security.protocol=PLAINTEXT",
                "--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                "--spring.kafka.properties.sasl.jaas.config=" + JAAS,
                "--spring.kafka.ssl.protocol=TLSv1.2",
                "--spring.kafka.ssl.trust-store-location=file:" + TRUST_STORE,
                "--spring.kafka.ssl.trust-store-type=PKCS12");
    }

    /** The {@link #SETTINGS} as a {@code --kafka-config} file holds them. */
    public static Properties commandConfig() {
        Properties p = new Properties();
        p.setProperty("security.protocol", "PLAINTEXT");
        p.setProperty("sasl.mechanism", "SCRAM-SHA-512");
        p.setProperty("sasl.jaas.config", JAAS);
        p.setProperty("ssl.protocol", "TLSv1.2");
        p.setProperty("ssl.truststore.location", TRUST_STORE);
        p.setProperty("ssl.truststore.type", "PKCS12");
        return p;
    }

    public List<Client> clients() {
        return List.copyOf(clients);
    }

    public List<String> clientIds() {
        return clients.stream().map(Client::clientId).toList();
    }

    /** One line per client and setting it was not built with, e.g. {@code ProducerConfig x: sasl.mechanism=GSSAPI}. */
    public List<String> lacking() {
        List<String> lacking = new ArrayList<>();
        for (Client client : clients) {
            SETTINGS.forEach((key, value) -> {
                String actual = client.config().get(key);
                if (!value.equals(actual)) {
                    lacking.add(client + ": " + key + "=" + actual + " (expected " + value + ")");
                }
            });
        }
        return lacking;
    }

    @Override
    public void close() {
        configLogger.detachAppender(tap);
        configLogger.setLevel(previousLevel);
        configLogger.setAdditive(previousAdditivity);
        tap.stop();
        if (previousLoggingSystem == null) {
            System.clearProperty(SPRING_LOGGING_SYSTEM);
        } else {
            System.setProperty(SPRING_LOGGING_SYSTEM, previousLoggingSystem);
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sasl.mechanism", "SCRAM-SHA-512");
        s.put("sasl.jaas.config", "[hidden]");
        s.put("ssl.protocol", "TLSv1.2");
        s.put("ssl.truststore.location", TRUST_STORE);
        s.put("ssl.truststore.type", "PKCS12");
        return Map.copyOf(s);
    }

    /** {@code ProducerConfig values: \n\tacks = -1\n\t...}: Kafka's AbstractConfig.logAll. */
    private final class Tap extends AppenderBase<ILoggingEvent> {

        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            int values = message.indexOf(" values: ");
            if (values < 0 || !CLIENT_KINDS.contains(message.substring(0, values).trim())) {
                return;
            }
            Map<String, String> config = new LinkedHashMap<>();
            for (String line : message.substring(values).split("\\R")) {
                int eq = line.indexOf(" = ");
                if (line.startsWith("\t") && eq > 0) {
                    config.put(line.substring(1, eq).trim(), line.substring(eq + 3).trim());
                }
            }
            clients.add(new Client(message.substring(0, values).trim(), config.getOrDefault("client.id", ""), config));
        }
    }
}
