package com.quantumedge.supervisor.policy.advisor;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** Publishes events to {@code sup.events.v1} and commands to {@code sup.operator-commands.v1}, keyed by bot. */
final class KafkaAdvisorOutput implements AdvisorOutput {

    private static final Logger log = LoggerFactory.getLogger(KafkaAdvisorOutput.class);

    private final KafkaProducer<String, byte[]> producer;

    KafkaAdvisorOutput(KafkaClientSettings kafka) {
        producer = new KafkaProducer<>(kafka.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "policy-advisor",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // Bounds how long a completion thread can wait when the broker is unreachable.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(SupervisorEvent event) {
        send(Topics.EVENTS, event.getBotId(), event);
    }

    @Override
    public void publish(OperatorCommand command) {
        send(Topics.OPERATOR_COMMANDS, command.getBotId(), command);
    }

    private <V> void send(TopicSpec<V> topic, String botId, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), botId, bytes), (meta, error) -> {
            if (error != null) {
                log.warn("Advisor record for {} not accepted by {}: {}", botId, topic.name(), error.toString());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
