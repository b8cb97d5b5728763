package com.quantumedge.supervisor.sink.ingest;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The sink's own Kafka consumer and dead-letter producer settings, over the deployment's ({@link SinkSettings#kafka()}). */
final class SinkClientConfig {

    private SinkClientConfig() {
    }

    static Map<String, Object> consumer(SinkSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, s.sinkId() + "-consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // One poll can fill a batch, and large fetches on OS-tuned socket buffers: the classic consumer
        // fetches only inside poll(), so every round trip saved is reading time gained.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(500, Math.min(s.batchRows(), 20_000))));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, "-1");
        // A sink that died is replaced within seconds, not the default 45.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        // Paused while ClickHouse is down the loop still polls, so it stays in the group however long the outage.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "300000");
        return s.kafka().consumer(p);
    }

    static Map<String, Object> deadLetterProducer(SinkSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, s.sinkId() + "-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return s.kafka().producer(p);
    }
}
