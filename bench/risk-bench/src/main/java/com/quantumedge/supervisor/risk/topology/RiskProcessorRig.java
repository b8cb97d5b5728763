package com.quantumedge.supervisor.risk.topology;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.risk.account.BotRiskStateSerde;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The risk topology's processor with nothing of Kafka Streams' test machinery around it: a
 * {@link MockProcessorContext}, the real in-memory stores with the real serdes at the service's metrics
 * level (so every input pays the state write), and the forwarded outputs encoded as the topology's sinks
 * encode them. Not measured: the changelog and output records' trip through the producer. Lives in the
 * processor's package because the processor is package-private; it uses nothing else of it, so the
 * same benchmark runs against older builds of risk-stream.
 */
public final class RiskProcessorRig {

    /** What a forwarded output was encoded to: its topic and value bytes. */
    public interface Sink {
        void accept(String topic, byte[] value);
    }

    private final Serializer<OrderDecision> decisions = sinkSerializer(Topics.ORDER_DECISIONS);
    private final Serializer<SupervisorEvent> events = sinkSerializer(Topics.EVENTS);
    private final Serializer<RiskState> states = sinkSerializer(Topics.RISK_STATE);
    private final MockProcessorContext<String, Object> context;
    private final InfoLevelStoreContext storeContext;
    private final RiskProcessor processor;
    private final KeyValueStore<String, byte[]> limits;
    private final Map<String, long[]> nextOffsets = new HashMap<>();

    public RiskProcessorRig(TopologySettings settings) {
        GeneratedClasses.trust();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "risk-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(System.getProperty("java.io.tmpdir"), "risk-bench-rig-" + UUID.randomUUID()).toString());
        context = new MockProcessorContext<>(props);
        storeContext = new InfoLevelStoreContext(context.getStateStoreContext());
        add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RiskTopology.RISK_BOOK_STORE),
                Serdes.String(), new BotRiskStateSerde()));
        add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RiskTopology.APPLIED_EXECUTIONS_STORE),
                Serdes.String(), Serdes.String()));
        limits = add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RiskTopology.LIMITS_STORE),
                Serdes.String(), Serdes.ByteArray()));
        processor = new RiskProcessor(settings);
        processor.init(context);
    }

    private <S extends KeyValueStore<?, ?>> S add(StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().withCachingDisabled().build();
        store.init(storeContext, store);
        context.addStateStore(store);
        return store;
    }

    /** What the global limits store holds after the limits topic delivered {@code value} for {@code key}. */
    public void putLimits(String key, byte[] value) {
        limits.put(key, value);
    }

    /** Processes one input record at the next offset of its topic-partition; hands every output to {@code sink}. */
    public void process(TopicSpec<?> topic, int partition, String key, byte[] value, long timestampMs, Sink sink) {
        long offset = nextOffsets.computeIfAbsent(topic.name(), name -> new long[Topics.PARTITIONS])[partition]++;
        context.setRecordMetadata(topic.name(), partition, offset);
        processor.process(new Record<>(key, value, timestampMs));
        emitForwarded(sink);
    }

    private void emitForwarded(Sink sink) {
        for (MockProcessorContext.CapturedForward<?, ?> forward : context.forwarded()) {
            Object value = forward.record().value();
            if (value instanceof OrderDecision d) {
                sink.accept(Topics.ORDER_DECISIONS.name(), decisions.serialize(Topics.ORDER_DECISIONS.name(), d));
            } else if (value instanceof SupervisorEvent e) {
                sink.accept(Topics.EVENTS.name(), events.serialize(Topics.EVENTS.name(), e));
            } else if (value instanceof RiskState s) {
                sink.accept(Topics.RISK_STATE.name(), states.serialize(Topics.RISK_STATE.name(), s));
            } else if (value instanceof DeadLetterValue dlq) {
                sink.accept(Topics.DLQ.name(), dlq.value());
            } else {
                throw new IllegalStateException("unexpected output " + value);
            }
        }
        context.resetForwards();
    }

    /** The serializer the topology's sink for {@code topic} uses: the topic's serde. */
    private static <V> Serializer<V> sinkSerializer(TopicSpec<V> topic) {
        return topic.valueSerde().serializer();
    }
}
