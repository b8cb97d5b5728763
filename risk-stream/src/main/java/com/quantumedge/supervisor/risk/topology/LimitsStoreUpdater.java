package com.quantumedge.supervisor.risk.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.schemas.Topics;

/** Keeps the global limits store equal to the compacted limits topic, skipping records it cannot decode. */
final class LimitsStoreUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(LimitsStoreUpdater.class);

    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(RiskTopology.LIMITS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(Topics.RISK_LIMITS.name(), record.value());
            store.put(record.key(), record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping undecodable risk limits record for key {}: {}", record.key(), e.getMessage());
        }
    }
}
