package com.quantumedge.supervisor.runtime.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a batch listener sends a record it cannot apply and goes on with the rest of its batch: the
 * same recoverer, format and count as the error handler uses for a record listener that throws.
 */
@FunctionalInterface
public interface DeadLetters {

    void send(ConsumerRecord<?, ?> record, Exception reason);
}
