package com.quantumedge.supervisor.policy.topology;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The policy as a Kafka Streams topology: the five bot-keyed inputs are read as one stream (raw
 * bytes, so an undecodable record goes to the DLQ instead of stopping the task), one processor
 * keeps each bot's {@code BotSupervision} in {@link #STATE_STORE} and applies the rules, and its
 * outputs are routed to commands, events, snapshots and, for escalations, operator commands.
 */
public final class PolicyTopology {

    public static final String STATE_STORE = "policy-bot-state";

    /** Inputs, all keyed by bot id and co-partitioned. */
    public static final List<TopicSpec<?>> INPUTS = List.of(Topics.HEARTBEATS, Topics.TICKS, Topics.RISK_STATE,
            Topics.AGENT_STATUS, Topics.OPERATOR_COMMANDS);

    private PolicyTopology() {
    }

    public static StreamsBuilder buildTopology(StreamsBuilder builder, PolicyConfig config) {
        return buildTopology(builder, config, PolicyObserver.NONE);
    }

    public static StreamsBuilder buildTopology(StreamsBuilder builder, PolicyConfig config, PolicyObserver observer) {
        return buildTopology(builder, config, observer, false);
    }

    /** @param llmChecksAnswered whether the service's LLM advisor answers LLM_CHECK; if not, the rules reject them */
    public static StreamsBuilder buildTopology(StreamsBuilder builder, PolicyConfig config, PolicyObserver observer,
            boolean llmChecksAnswered) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STATE_STORE), Serdes.String(), new BotSupervisionSerde()));

        KStream<String, Object> outputs = builder
                .stream(INPUTS.stream().map(TopicSpec::name).toList(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("policy-inputs"))
                .process(() -> new PolicyProcessor(config, observer, llmChecksAnswered), Named.as("policy-rules"), STATE_STORE);

        route(outputs, ControlCommand.class, Topics.CONTROL_COMMANDS);
        route(outputs, SupervisorEvent.class, Topics.EVENTS);
        route(outputs, Snapshot.class, Topics.SNAPSHOTS);
        route(outputs, OperatorCommand.class, Topics.OPERATOR_COMMANDS);
        outputs.filter((bot, value) -> value instanceof DeadLetterValue, Named.as("to-dlq-filter"))
                .mapValues(value -> ((DeadLetterValue) value).bytes(), Named.as("to-dlq-bytes"))
                .to(Topics.DLQ.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("to-dlq"));
        return builder;
    }

    private static <V> void route(KStream<String, Object> outputs, Class<V> type, TopicSpec<V> topic) {
        String name = "to-" + topic.name();
        outputs.filter((bot, value) -> type.isInstance(value), Named.as(name + "-filter"))
                .mapValues(type::cast, Named.as(name + "-cast"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }
}
