package com.quantumedge.supervisor.agent.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The agent's side of Kafka as a test sees it: sends control commands (or garbage) and collects
 * everything published on agent status, events and the DLQ, from the beginning, in the background.
 */
public final class AgentTopics implements AutoCloseable {

    public record Received<T>(T value, long receivedAtMs) {
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;
    public final List<AgentStatus> statuses = new CopyOnWriteArrayList<>();
    public final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
    public final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();

    public AgentTopics(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000));
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.AGENT_STATUS.name(), Topics.EVENTS.name(), Topics.DLQ.name())) {
            for (int p = 0; p < Topics.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::poll, "test-agent-topics");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.topic().equals(Topics.AGENT_STATUS.name())) {
                        statuses.add(Topics.AGENT_STATUS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    } else if (r.topic().equals(Topics.EVENTS.name())) {
                        events.add(Topics.EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    } else {
                        deadLetters.add(r);
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Records of other tests' agents may be anything; keep reading.
            }
        }
    }

    public static ControlCommand command(String botId, CommandType type, Map<String, String> args) {
        return ControlCommand.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(botId)
                .setTsMs(System.currentTimeMillis())
                .setCommandId(UUID.randomUUID().toString())
                .setCommandType(type)
                .setIssuedBy("test")
                .setReason("test")
                .setArgs(args)
                .build();
    }

    public ControlCommand send(String botId, CommandType type, Map<String, String> args) {
        ControlCommand command = command(botId, type, args);
        send(command);
        return command;
    }

    public void send(ControlCommand command) {
        sendRaw(command.getBotId(), Topics.CONTROL_COMMANDS.valueSerde().serializer()
                .serialize(Topics.CONTROL_COMMANDS.name(), command));
    }

    public void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.CONTROL_COMMANDS.name(), key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<AgentStatus> of(String botId, Predicate<AgentStatus> filter) {
        return statuses.stream().filter(s -> s.getBotId().equals(botId)).filter(filter).toList();
    }

    public List<AgentStatus> acks(ControlCommand command) {
        return statuses.stream().filter(s -> s.getKind() == AgentStatusKind.COMMAND_ACK)
                .filter(s -> command.getCommandId().equals(s.getCommandId())).toList();
    }

    public List<AckStatus> ackStatuses(ControlCommand command) {
        return acks(command).stream().map(AgentStatus::getAck).toList();
    }

    /** Process-state reports of a bot in the given state, in publication order. */
    public List<AgentStatus> transitions(String botId, ProcessState state) {
        return of(botId, s -> s.getKind() == AgentStatusKind.PROCESS_STATE && s.getProcessState() == state);
    }

    /** Reports that a process was started (not adopted). */
    public List<AgentStatus> starts(String botId) {
        return of(botId, s -> s.getKind() == AgentStatusKind.PROCESS_STATE && s.getProcessState() == ProcessState.RUNNING
                && s.getMessage() != null && s.getMessage().startsWith("started pid"));
    }

    public List<SupervisorEvent> events(String botId) {
        return events.stream().filter(e -> e.getBotId().equals(botId)).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
    }
}
