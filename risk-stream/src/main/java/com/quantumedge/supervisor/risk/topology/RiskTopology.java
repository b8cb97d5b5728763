package com.quantumedge.supervisor.risk.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.risk.account.BotRiskStateSerde;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The risk-stream topology. All four bot-keyed inputs feed one processor, so one stream task owns
 * a bot's partition of every input and applies them in timestamp order to one state value:
 * <pre>
 *   qe.order-requests.v1 ─┐
 *   qe.executions.v1 ─────┤                       ┌─▶ qe.order-decisions.v1
 *   qe.heartbeats.v1 ─────┼─▶ risk processor ─────┼─▶ sup.events.v1
 *   sup.operator-commands ┘    (risk-book store,  ├─▶ sup.risk-state.v1
 *                               applied-executions├─▶ sup.dlq.v1
 *   sup.risk-limits.v1 ─▶ global limits store ────┘ (read by the processor)
 * </pre>
 */
public final class RiskTopology {

    /** Per-bot {@code BotRiskState}, with the input offsets it has applied; changelogged. */
    public static final String RISK_BOOK_STORE = "risk-book";
    /** Exec ids applied per bot, for duplicate fills; changelogged. */
    public static final String APPLIED_EXECUTIONS_STORE = "applied-executions";
    /** Raw limits records by key ('*' for the defaults); global, restored from the compacted topic. */
    public static final String LIMITS_STORE = "risk-limits";

    private RiskTopology() {
    }

    public static void buildTopology(StreamsBuilder builder, TopologySettings settings) {
        // Cached: every check rewrites the bot's book (reservations, submit times), several KB with many
        // open orders. The cache sends the latest book per bot at commit instead of one record per check;
        // the commit flushes it before the input offsets, so a crash replays onto the flushed book.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RISK_BOOK_STORE),
                Serdes.String(), new BotRiskStateSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(APPLIED_EXECUTIONS_STORE),
                Serdes.String(), Serdes.String()).withCachingDisabled());
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LIMITS_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                Topics.RISK_LIMITS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("risk-limits-source"),
                LimitsStoreUpdater::new);

        KStream<String, byte[]> inputs = raw(builder, Topics.ORDER_REQUESTS)
                .merge(raw(builder, Topics.EXECUTIONS), Named.as("merge-executions"))
                .merge(raw(builder, Topics.HEARTBEATS), Named.as("merge-heartbeats"))
                .merge(raw(builder, Topics.OPERATOR_COMMANDS), Named.as("merge-operator-commands"));

        KStream<String, Object> outputs = inputs.process(() -> new RiskProcessor(settings), Named.as("risk-processor"),
                RISK_BOOK_STORE, APPLIED_EXECUTIONS_STORE);

        outputs.split(Named.as("out-"))
                .branch((k, v) -> v instanceof OrderDecision, Branched.withConsumer(s -> s
                        .mapValues(v -> (OrderDecision) v, Named.as("as-decision"))
                        .to(Topics.ORDER_DECISIONS.name(), produced(Topics.ORDER_DECISIONS, "decisions-sink"))))
                .branch((k, v) -> v instanceof SupervisorEvent, Branched.withConsumer(s -> s
                        .mapValues(v -> (SupervisorEvent) v, Named.as("as-event"))
                        .to(Topics.EVENTS.name(), produced(Topics.EVENTS, "events-sink"))))
                .branch((k, v) -> v instanceof RiskState, Branched.withConsumer(s -> s
                        .mapValues(v -> (RiskState) v, Named.as("as-risk-state"))
                        .to(Topics.RISK_STATE.name(), produced(Topics.RISK_STATE, "risk-state-sink"))))
                .branch((k, v) -> v == Retirement.RISK_STATE, Branched.withConsumer(s -> s
                        .mapValues(v -> (RiskState) null, Named.as("as-risk-state-tombstone"))
                        .to(Topics.RISK_STATE.name(), produced(Topics.RISK_STATE, "risk-state-tombstone-sink"))))
                .branch((k, v) -> v == Retirement.RISK_LIMITS, Branched.withConsumer(s -> s
                        .mapValues(v -> (RiskLimits) null, Named.as("as-risk-limits-tombstone"))
                        .to(Topics.RISK_LIMITS.name(), produced(Topics.RISK_LIMITS, "risk-limits-tombstone-sink"))))
                .branch((k, v) -> v instanceof DeadLetterValue, Branched.withConsumer(s -> s
                        .mapValues(v -> ((DeadLetterValue) v).value(), Named.as("as-dead-letter"))
                        .to(Topics.DLQ.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dlq-sink"))))
                .noDefaultBranch();
    }

    private static KStream<String, byte[]> raw(StreamsBuilder builder, TopicSpec<?> topic) {
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName(topic.name() + "-source"));
    }

    private static <V> Produced<String, V> produced(TopicSpec<V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
