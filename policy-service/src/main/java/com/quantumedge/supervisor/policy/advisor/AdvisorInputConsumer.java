package com.quantumedge.supervisor.policy.advisor;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListener;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.runtime.listener.ListenerReadiness;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Feeds {@link AdvisorInputs} from the policy's snapshots, the risk engine's states and recent
 * supervisor events, and hands operators' LLM_CHECK commands on. A consumer group splits the bots
 * between instances; the range assignor gives one instance the same partition of all four
 * (co-partitioned) topics, so it sees everything of its bots, their commands included. On getting
 * partitions (start, rebalance) it re-reads the last {@code lookback} of snapshots, risk states and
 * events, so it knows its bots at once (an operator's llm-check right after a restart has a snapshot
 * to work on); rounds advise only snapshots that arrive after that. Commands are read from the latest
 * offsets (the group commits nothing): an LLM_CHECK is answered once, by the instance that had the bot
 * when it was sent. Records it cannot decode are skipped (the policy topology dead-letters bad risk
 * states itself).
 *
 * <p>Runs as a {@link SupervisedListener} ({@link #supervised}), the readiness contributor
 * {@code advisorInputs}: a consumer that dies is replaced and counted.
 */
final class AdvisorInputConsumer implements MessageListener<byte[], byte[]>, ConsumerAwareRebalanceListener, ListenerReadiness {

    static final String READINESS = "advisorInputs";
    private static final Logger log = LoggerFactory.getLogger(AdvisorInputConsumer.class);
    private static final List<String> TOPICS = List.of(Topics.SNAPSHOTS.name(), Topics.RISK_STATE.name(), Topics.EVENTS.name(),
            Topics.OPERATOR_COMMANDS.name());

    private final AdvisorInputs inputs;
    private final Consumer<OperatorCommand> checks;
    private final Duration lookback;
    /** Per input partition, the end offset when it was assigned: records below it are re-read. */
    private final Map<TopicPartition, Long> rereadUntil = new ConcurrentHashMap<>();
    private volatile boolean assigned;

    /**
     * @param checks   takes the operators' LLM_CHECK commands for the consumer's bots
     * @param lookback how much of snapshots, risk states and events to re-read on getting partitions (0: none)
     */
    AdvisorInputConsumer(AdvisorInputs inputs, Consumer<OperatorCommand> checks, Duration lookback) {
        this.inputs = inputs;
        this.checks = checks;
        this.lookback = lookback;
    }

    /** The supervised consumer of this listener in {@code group}, not started yet. */
    SupervisedListener supervised(KafkaClientSettings kafka, String group, MeterRegistry meters) {
        return SupervisedListeners.builder(READINESS, "policy-service", kafka)
                .consumer(Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, group,
                        ConsumerConfig.CLIENT_ID_CONFIG, "policy-advisor-inputs",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName()))
                .subscribe(TOPICS)
                .commitOffsets(false)
                .rebalanceListener(this)
                .listener(this)
                .readiness(this)
                .deadLetterClientId("policy-advisor-inputs-dlq")
                .build(meters);
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Object value;
        try {
            value = Topics.byName(record.topic()).orElseThrow().valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.debug("Advisor skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return;
        }
        if (value instanceof Snapshot s) {
            boolean reread = record.offset() < rereadUntil.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L);
            inputs.onSnapshot(s, record.partition(), reread);
        } else if (value instanceof RiskState r) {
            inputs.onRiskState(r, record.partition());
        } else if (value instanceof SupervisorEvent e) {
            inputs.onEvent(e, record.partition());
        } else if (value instanceof OperatorCommand c && c.getCommandType() == CommandType.LLM_CHECK) {
            checks.accept(c);
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        inputs.forgetPartitions(partitions.stream().map(TopicPartition::partition).toList());
        rereadUntil.keySet().removeAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        log.info("Advisor inputs assigned {}", partitions);
        if (!lookback.isZero()) {
            rewind(consumer, partitions.stream().filter(p -> !p.topic().equals(Topics.OPERATOR_COMMANDS.name())).toList());
        }
        assigned = true;
    }

    @Override
    public void onPartitionsLost(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevokedBeforeCommit(consumer, partitions);
    }

    private void rewind(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - lookback.toMillis();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, since));
        consumer.offsetsForTimes(times).forEach((partition, found) -> {
            if (found != null) {
                consumer.seek(partition, found.offset());
                rereadUntil.put(partition, ends.get(partition));
            }
        });
    }

    @Override
    public String whyNotReady() {
        return assigned ? null : "advisor input consumer not assigned yet";
    }

    @Override
    public void consumerStopped() {
        assigned = false;
    }
}
