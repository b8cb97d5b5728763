package com.quantumedge.supervisor.localkafka.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Makes a real consumer fail the way a dying consumer thread does: once armed for a client id
 * prefix, the next poll that returns records to such a consumer throws the given {@link Error} (an
 * interceptor's exceptions are only logged by Kafka; an Error goes through). Configure a service
 * with {@link #SPRING_ARGUMENT}, or a client with {@link #CONFIG}, then {@link #arm}.
 */
public final class ConsumerFailureInjection implements ConsumerInterceptor<Object, Object> {

    public static final Map<String, String> CONFIG = Map.of(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ConsumerFailureInjection.class.getName());
    /** The same through {@code spring.kafka.consumer.properties.*}, as a deployment's settings reach every consumer. */
    public static final String SPRING_ARGUMENT = "--spring.kafka.consumer.properties.interceptor.classes="
            + ConsumerFailureInjection.class.getName();

    private static final Map<String, Error> ARMED = new ConcurrentHashMap<>();

    private volatile String clientId = "";

    /** The next poll with records of one consumer whose client id starts with {@code clientIdPrefix} throws {@code error}. */
    public static void arm(String clientIdPrefix, Error error) {
        ARMED.put(clientIdPrefix, error);
    }

    /** True once an armed failure was thrown. */
    public static boolean fired(String clientIdPrefix) {
        return !ARMED.containsKey(clientIdPrefix);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        clientId = String.valueOf(configs.get(ConsumerConfig.CLIENT_ID_CONFIG));
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        for (String prefix : ARMED.keySet()) {
            if (clientId.startsWith(prefix)) {
                Error error = ARMED.remove(prefix);
                if (error != null) {
                    throw error;
                }
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    /** The failure tests throw: an Error, as a broken consumer thread would see. */
    public static final class InjectedFailure extends Error {
        public InjectedFailure(String message) {
            super(message);
        }
    }
}
