package com.quantumedge.supervisor.risk;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Funds bots on a real broker for tests that are not about equity: a heartbeat with
 * {@link Inputs#FUNDED_EQUITY} per bot, then waits until risk-stream has published a risk state
 * with that equity for each. Heartbeats and orders come in on different topics, so an order sent
 * right after the heartbeat could be checked before it, and fail closed with EQUITY_UNKNOWN.
 */
public final class Funding {

    private Funding() {
    }

    public static void fund(String bootstrapServers, KafkaProducer<String, byte[]> producer, Collection<String> bots) {
        try (KafkaConsumer<String, byte[]> states = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = states.partitionsFor(Topics.RISK_STATE.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            states.assign(partitions);
            states.seekToEnd(partitions);
            partitions.forEach(states::position);
            long now = System.currentTimeMillis();
            for (String bot : bots) {
                producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), bot, Topics.HEARTBEATS.valueSerde().serializer()
                        .serialize(Topics.HEARTBEATS.name(), Inputs.heartbeat(bot, now, Inputs.FUNDED_EQUITY))));
            }
            producer.flush();
            Set<String> funded = new HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : states.poll(Duration.ofMillis(100))) {
                    RiskState state = Topics.RISK_STATE.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (state != null && state.getEquity() != null && state.getEquity() == Inputs.FUNDED_EQUITY) {
                        funded.add(r.key());
                    }
                }
                return funded.containsAll(bots);
            });
        }
    }
}
