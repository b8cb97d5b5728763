package com.quantumedge.supervisor.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Stands in for the risk engine on the real broker: answers order requests of the given bots with a
 * decision keyed by bot id (as the risk engine writes them), echoing the correlation id. The default
 * rule denies quantities over 10 with QTY_EXCEEDS_MAX and echoes client_order_id into the reason.
 */
public final class TestRiskResponder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Set<String> bots;
    private final Function<OrderRequest, OrderDecision> rule;
    private final Thread thread;
    private volatile boolean running = true;

    private TestRiskResponder(String bootstrap, Set<String> bots, Function<OrderRequest, OrderDecision> rule) {
        this.bots = bots;
        this.rule = rule;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_REQUESTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::run, "test-risk-responder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public static TestRiskResponder start(String bootstrap, Set<String> bots) {
        return new TestRiskResponder(bootstrap, bots, TestRiskResponder::qtyLimitOf10);
    }

    public static TestRiskResponder start(String bootstrap, Set<String> bots, Function<OrderRequest, OrderDecision> rule) {
        return new TestRiskResponder(bootstrap, bots, rule);
    }

    public static OrderDecision qtyLimitOf10(OrderRequest r) {
        boolean allowed = r.getQuantity() <= 10;
        return OrderDecision.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(r.getBotId())
                .setTsMs(System.currentTimeMillis())
                .setCorrelationId(r.getCorrelationId())
                .setClientOrderId(r.getClientOrderId())
                .setSymbol(r.getSymbol())
                .setSide(r.getSide())
                .setQuantity(r.getQuantity())
                .setAllowed(allowed)
                .setCode(allowed ? DecisionCode.OK : DecisionCode.QTY_EXCEEDS_MAX)
                .setReason("answer to " + r.getClientOrderId())
                .setCheck(allowed ? null : "MaxOrderQty")
                .setLimit(allowed ? null : 10.0)
                .setValue(allowed ? null : r.getQuantity())
                .setNotional(r.getQuantity() * (r.getPrice() == null ? 100.0 : r.getPrice()))
                .setSymbolExposureAfter(allowed ? r.getQuantity() * 100 : 0)
                .setGrossExposureAfter(allowed ? r.getQuantity() * 100 : 0)
                .setTradingState(TradingState.ACTIVE)
                .setRequestTsMs(r.getTsMs())
                .build();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() == null || !bots.contains(record.key())) {
                        continue;
                    }
                    OrderRequest request = Topics.ORDER_REQUESTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    OrderDecision decision = rule.apply(request);
                    producer.send(new ProducerRecord<>(Topics.ORDER_DECISIONS.name(), decision.getBotId(),
                            Topics.ORDER_DECISIONS.valueSerde().serializer().serialize(Topics.ORDER_DECISIONS.name(), decision)));
                }
                producer.flush();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(1));
    }

    static String key(byte[] k) {
        return k == null ? null : new String(k, StandardCharsets.UTF_8);
    }
}
