package com.quantumedge.supervisor.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Writes records keyed by bot id. Blocking and delivery are bounded, so a dead broker turns into a
 * quick {@link BrokerUnavailableException} (HTTP 503), never a hang.
 *
 * <p>Two producers, two connections: order requests ({@code linger-ms}) and heartbeats, executions
 * and operator commands ({@code ingest-linger-ms}). A burst of ingest then never queues an order
 * check behind it in one accumulator or behind one connection's in-flight requests. Both send at once
 * by default: records that arrive while a request is in flight still go out together in the next
 * batch, and a linger only adds latency, which with callers waiting for the answer costs throughput.
 */
public class RecordPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> orderRequests;
    private final KafkaProducer<String, byte[]> ingest;
    private final BrokerConnectivity broker;
    private final MeterRegistry meters;

    public RecordPublisher(KafkaClientSettings kafka, GatewayProperties.Producer settings, BrokerConnectivity broker,
            MeterRegistry meters) {
        this.broker = broker;
        this.meters = meters;
        this.orderRequests = producer(kafka, settings, "ingest-gateway-orders", settings.lingerMs());
        this.ingest = producer(kafka, settings, "ingest-gateway", settings.ingestLingerMs());
    }

    private static KafkaProducer<String, byte[]> producer(KafkaClientSettings kafka, GatewayProperties.Producer settings,
            String clientId, int lingerMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.maxBlock().toMillis());
        int delivery = (int) settings.deliveryTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(100, delivery - lingerMs - 1));
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return new KafkaProducer<>(kafka.producer(config), new StringSerializer(), new ByteArraySerializer());
    }

    /** Loads topic metadata up front so the first request does not wait for it. */
    public void warmUp(TopicSpec<?>... topics) {
        for (TopicSpec<?> topic : topics) {
            try {
                producerFor(topic).partitionsFor(topic.name());
            } catch (RuntimeException e) {
                // Broker not there yet: the first send will fetch metadata (bounded by max.block.ms).
            }
        }
    }

    public <V extends SpecificRecord> Mono<RecordMetadata> publish(TopicSpec<V> topic, String botId, V value) {
        if (!broker.isUp()) {
            failure(topic);
            return Mono.error(new BrokerUnavailableException("Kafka broker is unavailable", null));
        }
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return Mono.create(sink -> {
            try {
                producerFor(topic).send(new ProducerRecord<>(topic.name(), botId, bytes), (metadata, error) -> {
                    if (error == null) {
                        sink.success(metadata);
                    } else {
                        failure(topic);
                        broker.reportFailure();
                        sink.error(new BrokerUnavailableException("Kafka did not accept the record: " + error.getMessage(), error));
                    }
                });
            } catch (RuntimeException e) {
                failure(topic);
                broker.reportFailure();
                sink.error(new BrokerUnavailableException("Kafka did not accept the record: " + e.getMessage(), e));
            }
        });
    }

    private KafkaProducer<String, byte[]> producerFor(TopicSpec<?> topic) {
        return topic.name().equals(Topics.ORDER_REQUESTS.name()) ? orderRequests : ingest;
    }

    private void failure(TopicSpec<?> topic) {
        Counter.builder("gateway.produce.failures").description("Records the broker did not accept (or broker known down)")
                .tag("topic", topic.name()).register(meters).increment();
    }

    @Override
    public void close() {
        orderRequests.close(Duration.ofSeconds(2));
        ingest.close(Duration.ofSeconds(2));
    }
}
