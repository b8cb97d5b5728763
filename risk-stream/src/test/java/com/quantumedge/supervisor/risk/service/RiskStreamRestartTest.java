package com.quantumedge.supervisor.risk.service;

import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.RiskStreamApplication;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * A graceful restart of risk-stream must not leave the bot without decisions while the group waits out
 * the old member's session (45 s by default): the closed instance leaves the group, the new one is
 * assigned at once.
 */
class RiskStreamRestartTest {

    private static final Logger log = LoggerFactory.getLogger(RiskStreamRestartTest.class);
    private static final Duration RESTART_BUDGET = Duration.ofSeconds(10);

    @Test
    @DisplayName("after a graceful restart, the first order check is decided within 10 s of the new instance starting")
    void restartedInstanceDecidesPromptly() {
        String appId = SharedKafkaBroker.uniqueName("risk-restart");
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> decisions = decisionsFromEnd()) {
            try (ConfigurableApplicationContext first = start(appId)) {
                OrderRequest warmUp = limitBuy(bot, System.currentTimeMillis(), "BTCUSDT", 0.01, 60_000);
                send(producer, warmUp);
                assertThat(awaitDecision(decisions, warmUp, Duration.ofSeconds(60))).as("first instance decides").isNotNull();
            }

            long startedAt = System.nanoTime();
            try (ConfigurableApplicationContext second = start(appId)) {
                long contextUpAt = System.nanoTime();
                OrderRequest afterRestart = limitBuy(bot, System.currentTimeMillis(), "BTCUSDT", 0.01, 60_000);
                send(producer, afterRestart);
                OrderDecision decision = awaitDecision(decisions, afterRestart, Duration.ofSeconds(60));
                long decidedAt = System.nanoTime();
                Duration sinceContextUp = Duration.ofNanos(decidedAt - contextUpAt);
                log.info("restart: context up {} ms after start, first decision {} ms after that ({} ms in all)",
                        Duration.ofNanos(contextUpAt - startedAt).toMillis(), sinceContextUp.toMillis(),
                        Duration.ofNanos(decidedAt - startedAt).toMillis());
                assertThat(decision).as("the restarted instance decides").isNotNull();
                assertThat(sinceContextUp).as("first decision after the restart").isLessThanOrEqualTo(RESTART_BUDGET);
            }
        }
    }

    private static ConfigurableApplicationContext start(String appId) {
        return SpringApplication.run(RiskStreamApplication.class,
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.risk.streams.application-id=" + appId,
                "--supervisor.risk.streams.state-dir=target/" + appId,
                "--supervisor.risk.limits.publish-on-startup=false",
                "--logging.structured.format.console=");
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, OrderRequest request) {
        String topic = Topics.ORDER_REQUESTS.name();
        producer.send(new ProducerRecord<>(topic, request.getBotId(),
                Topics.ORDER_REQUESTS.valueSerde().serializer().serialize(topic, request)));
        producer.flush();
    }

    private static KafkaConsumer<String, byte[]> decisionsFromEnd() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        String topic = Topics.ORDER_DECISIONS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The decision answering the request, or null when none came within the wait. */
    private static OrderDecision awaitDecision(KafkaConsumer<String, byte[]> consumer, OrderRequest request, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Set<String> wanted = Set.of(request.getCorrelationId().toString());
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                OrderDecision d = Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (wanted.contains(d.getCorrelationId().toString())) {
                    return d;
                }
            }
        }
        return null;
    }
}
