package com.quantumedge.supervisor.bench.risk;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * Order checks as the gateway does them: OrderRequest to qe.order-requests.v1, wait for the
 * OrderDecision with the same correlation id on qe.order-decisions.v1. Requests rotate over
 * {@code bots}; each bot's event time advances a minute per request, so reservations expire and the
 * submit-rate window never fills: every check runs the full engine and is answered OK.
 */
final class KafkaCheckClient implements CheckClient {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaReplies replies;
    private final String[] bots;
    private final long base = System.currentTimeMillis();

    KafkaCheckClient(KafkaClientSettings kafka, int botCount) {
        this(kafka, botCount, "bench-bot-");
    }

    KafkaCheckClient(KafkaClientSettings kafka, int botCount, String botPrefix) {
        producer = new KafkaProducer<>(kafka.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(),
                new ByteArraySerializer());
        replies = new KafkaReplies(kafka, Topics.ORDER_DECISIONS.name(), r -> {
            OrderDecision d = Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            return new String[] {d.getCorrelationId(), d.getCode().name()};
        });
        bots = new String[botCount];
        for (int i = 0; i < botCount; i++) {
            bots[i] = botPrefix + i;
        }
    }

    @Override
    public CompletableFuture<String> check(int i) {
        String bot = bots[i % bots.length];
        String correlationId = UUID.randomUUID().toString();
        OrderRequest request = OrderRequest.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(base + (long) (i / bots.length) * 60_000L)
                .setCorrelationId(correlationId).setClientOrderId("b-" + i).setSymbol("BTCUSDT")
                .setSide(i % 2 == 0 ? Side.BUY : Side.SELL).setOrderType(OrderType.LIMIT)
                .setQuantity(0.01).setPrice(60_000.0).setReplyTo("bench")
                .build();
        CompletableFuture<String> answer = replies.expect(correlationId);
        producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), bot,
                Topics.ORDER_REQUESTS.valueSerde().serializer().serialize(Topics.ORDER_REQUESTS.name(), request)));
        return answer;
    }

    @Override
    public String name() {
        return "risk-stream request/reply";
    }

    @Override
    public void close() {
        producer.close();
        replies.close();
    }
}
