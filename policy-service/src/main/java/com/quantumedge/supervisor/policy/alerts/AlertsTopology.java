package com.quantumedge.supervisor.policy.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/**
 * The supervisor's alert conditions as a Kafka Streams topology: the bot-keyed inputs go through
 * {@link BotAlertsProcessor} (one task sees everything of a bot), the DLQ is re-keyed by the
 * service that gave up and goes through {@link DeadLetterAlertsProcessor}; every set or cleared
 * condition is one {@link Alert} on compacted {@code sup.alerts.v1}, keyed {@code bot|alertname[|detail]}
 * and partitioned by bot id like every other topic.
 */
public final class AlertsTopology {

    public static final String FIRING_STORE = "alerts-firing";
    public static final String RISK_STATE_STORE = "alerts-risk-states";
    public static final String PAUSE_COMMAND_STORE = "alerts-pause-commands";
    public static final String DEAD_LETTER_FIRING_STORE = "alerts-dead-letters-firing";
    public static final String DEAD_LETTER_TALLY_STORE = "alerts-dead-letter-tallies";
    static final String DEAD_LETTERS_BY_SERVICE = "dead-letters-by-service";

    /** Bot-keyed inputs, co-partitioned. */
    public static final List<TopicSpec<?>> INPUTS = List.of(Topics.RISK_STATE, Topics.AGENT_STATUS, Topics.EVENTS,
            Topics.OPERATOR_COMMANDS);

    private AlertsTopology() {
    }

    /** @param deadLetterQuietPeriod how long without dead letters from a service clears its DeadLetters alert */
    public static StreamsBuilder buildTopology(StreamsBuilder builder, Duration deadLetterQuietPeriod) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FIRING_STORE),
                Serdes.String(), Topics.ALERTS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RISK_STATE_STORE),
                Serdes.String(), Topics.RISK_STATE.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PAUSE_COMMAND_STORE),
                Serdes.String(), Topics.OPERATOR_COMMANDS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEAD_LETTER_FIRING_STORE),
                Serdes.String(), Topics.ALERTS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEAD_LETTER_TALLY_STORE),
                Serdes.String(), Serdes.String()));

        // On a first start the current risk states (compacted) are read whole; of the topics of things that
        // happen only what comes from then on: replaying a month of events would page for what is long over.
        KStream<String, byte[]> states = builder.stream(Topics.RISK_STATE.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withOffsetResetPolicy(AutoOffsetReset.earliest()).withName("alert-risk-states"));
        KStream<String, byte[]> happenings = builder.stream(
                INPUTS.stream().filter(t -> t != Topics.RISK_STATE).map(TopicSpec::name).toList(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withOffsetResetPolicy(AutoOffsetReset.latest())
                        .withName("alert-happenings"));
        KStream<String, Alert> botAlerts = states.merge(happenings, Named.as("alert-inputs"))
                .process(BotAlertsProcessor::new, Named.as("bot-alert-rules"), FIRING_STORE, RISK_STATE_STORE, PAUSE_COMMAND_STORE);

        KStream<String, Alert> deadLetterAlerts = builder
                .stream(Topics.DLQ.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withOffsetResetPolicy(AutoOffsetReset.latest()).withName("dead-letters"))
                .process(DeadLetterByService::new, Named.as("dead-letter-service"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName(DEAD_LETTERS_BY_SERVICE))
                .process(() -> new DeadLetterAlertsProcessor(deadLetterQuietPeriod), Named.as("dead-letter-alerts"),
                        DEAD_LETTER_FIRING_STORE, DEAD_LETTER_TALLY_STORE);

        botAlerts.merge(deadLetterAlerts, Named.as("all-alerts"))
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                        .withStreamPartitioner(new ByBot()).withName("to-alerts"));
        return builder;
    }

    /** Partitions an alert by its bot id, as the default partitioner would a bot-keyed record. */
    static final class ByBot implements StreamPartitioner<String, Alert> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Alert alert, int numPartitions) {
            byte[] bot = alert.getBotId().getBytes(StandardCharsets.UTF_8);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bot)) % numPartitions));
        }
    }

    /** Re-keys a dead letter by the service that gave up on it; the value says why and from where. */
    static final class DeadLetterByService implements Processor<byte[], byte[], String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Headers headers = record.headers();
            String why = header(headers, DeadLetter.REASON, "unknown reason") + " on " + header(headers, DeadLetter.SOURCE_TOPIC, "unknown topic");
            context.forward(new Record<>(header(headers, DeadLetter.FAILED_BY, "unknown"), why, record.timestamp()));
        }

        private static String header(Headers headers, String name, String otherwise) {
            Header h = headers == null ? null : headers.lastHeader(name);
            return h == null || h.value() == null ? otherwise : new String(h.value(), StandardCharsets.UTF_8);
        }
    }
}
