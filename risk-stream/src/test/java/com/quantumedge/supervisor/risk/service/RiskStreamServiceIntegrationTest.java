package com.quantumedge.supervisor.risk.service;

import static com.quantumedge.supervisor.risk.Inputs.command;
import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.Funding;
import com.quantumedge.supervisor.risk.RiskStreamApplication;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** The Spring service against the real shared broker: limits published from configuration, order checks answered, commands applied. */
class RiskStreamServiceIntegrationTest {

    private static ConfigurableApplicationContext context;
    private static String limitedBot;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        String appId = SharedKafkaBroker.uniqueName("risk-it");
        limitedBot = SharedKafkaBroker.uniqueName("bot");
        context = SpringApplication.run(RiskStreamApplication.class,
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.risk.streams.application-id=" + appId,
                "--supervisor.risk.streams.state-dir=target/" + appId,
                "--supervisor.risk.limits.bots." + limitedBot + ".max-order-qty=2",
                "--supervisor.risk.limits.bots." + limitedBot + ".symbols.ETHUSDT.max-order-qty=20",
                "--logging.structured.format.console=");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        context.close();
    }

    @Test
    @DisplayName("an order request on Kafka is answered on qe.order-decisions.v1, keyed by bot id, echoing its correlation id")
    void answersOrderChecks() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        Funding.fund(SharedKafkaBroker.bootstrapServers(), producer, List.of(bot));
        OrderRequest request = limitBuy(bot, System.currentTimeMillis(), "BTCUSDT", 0.01, 60_000);
        send(Topics.ORDER_REQUESTS, bot, request);

        OrderDecision decision = firstRecord(Topics.ORDER_DECISIONS, bot, d -> d.getCorrelationId().equals(request.getCorrelationId()));
        assertThat(decision.getAllowed()).isTrue();
        assertThat(decision.getCode()).isEqualTo(DecisionCode.OK);
    }

    @Test
    @DisplayName("a bot that has not reported its equity is denied EQUITY_UNKNOWN under the configured defaults (fail closed)")
    void unknownEquityFailsClosed() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        OrderRequest request = limitBuy(bot, System.currentTimeMillis(), "BTCUSDT", 0.01, 60_000);
        send(Topics.ORDER_REQUESTS, bot, request);

        OrderDecision decision = firstRecord(Topics.ORDER_DECISIONS, bot, d -> d.getCorrelationId().equals(request.getCorrelationId()));
        assertThat(decision.getAllowed()).isFalse();
        assertThat(decision.getCode()).isEqualTo(DecisionCode.EQUITY_UNKNOWN);
    }

    @Test
    @DisplayName("an operator HALT on sup.operator-commands.v1 makes the next order answer TRADING_HALTED")
    void appliesOperatorCommands() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        long now = System.currentTimeMillis();
        send(Topics.OPERATOR_COMMANDS, bot, command(bot, now, CommandType.HALT));
        firstRecord(Topics.EVENTS, bot, e -> e.getEventType() == EventType.OPERATOR_COMMAND_APPLIED);
        OrderRequest request = limitBuy(bot, now + 1, "BTCUSDT", 0.01, 60_000);
        send(Topics.ORDER_REQUESTS, bot, request);

        OrderDecision decision = firstRecord(Topics.ORDER_DECISIONS, bot, d -> d.getCorrelationId().equals(request.getCorrelationId()));
        assertThat(decision.getCode()).isEqualTo(DecisionCode.TRADING_HALTED);
    }

    @Test
    @DisplayName("configured per-bot limits are published, versioned and audited, and enforced with their per-symbol overrides")
    void publishesAndEnforcesConfiguredLimits() {
        RiskLimits published = firstRecord(Topics.RISK_LIMITS, limitedBot, l -> true);
        assertThat(published.getMaxOrderQty()).isEqualTo(2.0);
        assertThat(published.getVersion()).isEqualTo(1);
        assertThat(published.getUpdatedBy()).isEqualTo("config:risk-stream");
        SupervisorEvent audit = firstRecord(Topics.EVENTS, limitedBot, e -> e.getEventType() == EventType.RISK_LIMITS_CHANGED);
        assertThat(audit.getAttributes()).containsEntry("version", "1");
        Funding.fund(SharedKafkaBroker.bootstrapServers(), producer, List.of(limitedBot));

        long now = System.currentTimeMillis();
        OrderRequest btc = limitBuy(limitedBot, now, "BTCUSDT", 5, 60_000);
        OrderRequest eth = limitBuy(limitedBot, now + 1, "ETHUSDT", 5, 3_000);
        send(Topics.ORDER_REQUESTS, limitedBot, btc);
        send(Topics.ORDER_REQUESTS, limitedBot, eth);

        assertThat(firstRecord(Topics.ORDER_DECISIONS, limitedBot, d -> d.getCorrelationId().equals(btc.getCorrelationId())).getCode())
                .isEqualTo(DecisionCode.QTY_EXCEEDS_MAX);
        assertThat(firstRecord(Topics.ORDER_DECISIONS, limitedBot, d -> d.getCorrelationId().equals(eth.getCorrelationId())).getCode())
                .isEqualTo(DecisionCode.OK);
    }

    private static <V> void send(TopicSpec<V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    /** The first record of the bot on the topic (read from the beginning) that matches. */
    private static <V> V firstRecord(TopicSpec<V> topic, String bot, java.util.function.Predicate<V> match) {
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (bot.equals(r.key())) {
                        V value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                        if (match.test(value)) {
                            found.add(value);
                        }
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

}
