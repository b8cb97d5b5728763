package com.quantumedge.supervisor.policy.advisor;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * Feeds {@link AdvisorInputs} from the policy's snapshots, the risk engine's states and recent
 * supervisor events, and hands operators' LLM_CHECK commands on, on its own thread. A consumer group
 * splits the bots between instances; the range assignor gives one instance the same partition of all
 * four (co-partitioned) topics, so it sees everything of its bots, their commands included. On getting
 * partitions (start, rebalance) it re-reads the last {@code lookback} of snapshots, risk states and
 * events, so it knows its bots at once (an operator's llm-check right after a restart has a snapshot
 * to work on); rounds advise only snapshots that arrive after that. Commands are read from the latest
 * offsets: an LLM_CHECK is answered once, by the instance that had the bot when it was sent. Records
 * it cannot decode are skipped (the policy topology dead-letters bad risk states itself).
 */
final class AdvisorInputConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdvisorInputConsumer.class);
    private static final List<String> TOPICS = List.of(Topics.SNAPSHOTS.name(), Topics.RISK_STATE.name(), Topics.EVENTS.name(),
            Topics.OPERATOR_COMMANDS.name());

    private final KafkaConsumer<String, byte[]> consumer;
    private final AdvisorInputs inputs;
    private final Consumer<OperatorCommand> checks;
    private final Duration lookback;
    /** Per input partition, the end offset when it was assigned: records below it are re-read. Consumer thread only. */
    private final Map<TopicPartition, Long> rereadUntil = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param checks   takes the operators' LLM_CHECK commands for the consumer's bots
     * @param lookback how much of snapshots, risk states and events to re-read on getting partitions (0: none)
     */
    AdvisorInputConsumer(KafkaClientSettings kafka, String group, AdvisorInputs inputs, Consumer<OperatorCommand> checks,
            Duration lookback) {
        this.inputs = inputs;
        this.checks = checks;
        this.lookback = lookback;
        this.consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, "policy-advisor-inputs",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName())),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "policy-advisor-inputs");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(TOPICS, new Rebalance());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Advisor input consumer stopped; no more advice until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            Object value = Topics.byName(record.topic()).orElseThrow().valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
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
        } catch (RuntimeException e) {
            log.debug("Advisor skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            inputs.forgetPartitions(partitions.stream().map(TopicPartition::partition).toList());
            rereadUntil.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("Advisor inputs assigned {}", partitions);
            if (!lookback.isZero()) {
                rewind(partitions.stream().filter(p -> !p.topic().equals(Topics.OPERATOR_COMMANDS.name())).toList());
            }
        }

        private void rewind(List<TopicPartition> partitions) {
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
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
