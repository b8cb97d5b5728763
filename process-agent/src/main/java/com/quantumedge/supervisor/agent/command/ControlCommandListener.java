package com.quantumedge.supervisor.agent.command;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListener;

import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.runtime.listener.ListenerReadiness;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads {@code sup.control-commands.v1} in the agent's own consumer group
 * ({@code process-agent.<agent-id>}, as its account allows) and hands this agent's commands to the
 * {@link CommandHandler}. Runs as a {@link SupervisedListener} ({@link #supervised}): a consumer
 * that dies is replaced and counted, and it is the readiness contributor {@code controlCommands}
 * (UP while a consumer runs and has its partitions). Values are decoded here rather than in the
 * consumer, so a record that is not a ControlCommand goes to the DLQ with its reason and the next one
 * is read. Offsets are committed after handling; a redelivery after a crash is caught by command id.
 */
public final class ControlCommandListener implements MessageListener<byte[], byte[]>, ConsumerSeekAware, ListenerReadiness {

    public static final String READINESS = "controlCommands";
    private static final String SERVICE = "process-agent";
    private static final Logger log = LoggerFactory.getLogger(ControlCommandListener.class);

    private final CommandHandler handler;
    private volatile boolean assigned;

    public ControlCommandListener(CommandHandler handler) {
        this.handler = handler;
    }

    /** The supervised consumer of this listener, not started yet. */
    public SupervisedListener supervised(KafkaClientSettings kafka, String agentId, MeterRegistry registry) {
        return SupervisedListeners.builder(READINESS, SERVICE, kafka)
                .consumer(Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, "process-agent." + agentId,
                        ConsumerConfig.CLIENT_ID_CONFIG, "process-agent-" + agentId,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        // A new agent reads what was sent before it joined; old commands are answered as expired.
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000,
                        // An agent that crashed still holds the group until its session expires; keep that short.
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000))
                .subscribe(List.of(Topics.CONTROL_COMMANDS.name()))
                .listener(this)
                .readiness(this)
                .deadLetterClientId("process-agent-" + agentId + "-dlq")
                .deadLettered(Counter.builder("agent.commands.dead.letters")
                        .description("undecodable control commands sent to the DLQ").register(registry))
                .pollTimeout(java.time.Duration.ofMillis(200))
                .build(registry);
    }

    /** @throws RuntimeException for a record that is not a ControlCommand, which the error handler sends to the DLQ */
    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null || (key != null && !handler.answersFor(key))) {
            return;
        }
        ControlCommand command = Topics.CONTROL_COMMANDS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        try {
            handler.handle(command);
        } catch (RuntimeException e) {
            // The command was read; what went wrong is the handler's (its ack says so), not the record's.
            log.error("command {} could not be handled", command.getCommandId(), e);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        assigned = true;
    }

    @Override
    public String whyNotReady() {
        return assigned ? null : "control command consumer has no partitions of " + Topics.CONTROL_COMMANDS.name() + " yet";
    }

    @Override
    public void consumerStopped() {
        assigned = false;
    }
}
