package com.quantumedge.supervisor.risk.topology;

import java.io.File;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.metrics.StreamsMetricsImpl;

/**
 * The mock's store context with metrics recorded at INFO, the service's (default) level:
 * MockProcessorContext records DEBUG, which times every store get and put, and the service does not.
 */
final class InfoLevelStoreContext implements StateStoreContext {

    private final StateStoreContext delegate;
    private final StreamsMetricsImpl metrics = new StreamsMetricsImpl(
            new Metrics(new MetricConfig().recordLevel(Sensor.RecordingLevel.INFO)), "risk-bench", Time.SYSTEM);

    InfoLevelStoreContext(StateStoreContext delegate) {
        this.delegate = delegate;
    }

    @Override
    public StreamsMetrics metrics() {
        return metrics;
    }

    @Override
    public String applicationId() {
        return delegate.applicationId();
    }

    @Override
    public TaskId taskId() {
        return delegate.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return delegate.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
        return delegate.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return delegate.valueSerde();
    }

    @Override
    public File stateDir() {
        return delegate.stateDir();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback) {
        delegate.register(store, callback);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback, CommitCallback commitCallback) {
        delegate.register(store, callback, commitCallback);
    }

    @Override
    public Map<String, Object> appConfigs() {
        return delegate.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return delegate.appConfigsWithPrefix(prefix);
    }
}
