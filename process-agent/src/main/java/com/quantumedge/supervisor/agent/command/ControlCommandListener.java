package com.quantumedge.supervisor.agent.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;


import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.agent.status.StatusReporter;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads {@code sup.control-commands.v1} on its own thread and hands this agent's commands to the
 * {@link CommandHandler}. Values are decoded here rather than in the consumer, so a record that is
 * not a ControlCommand goes to the DLQ with its reason and the next one is read. Offsets are
 * committed after handling; a redelivery after a crash is caught by command id.
 */
public final class ControlCommandListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlCommandListener.class);

    private final Consumer<String, byte[]> consumer;
    private final CommandHandler handler;
    private final StatusReporter reporter;
    private final Thread thread;
    private final Counter deadLetters;
    private volatile boolean running = true;

    public ControlCommandListener(Consumer<String, byte[]> consumer, CommandHandler handler, StatusReporter reporter,
            MeterRegistry registry) {
        this.consumer = consumer;
        this.handler = handler;
        this.reporter = reporter;
        this.deadLetters = Counter.builder("agent.commands.dead.letters")
                .description("undecodable control commands sent to the DLQ").register(registry);
        this.thread = new Thread(this::run, "agent-control-commands");
        this.thread.setDaemon(true);
    }

    public void start() {
        consumer.subscribe(List.of(Topics.CONTROL_COMMANDS.name()));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    dispatch(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (RuntimeException e) {
            log.error("control command consumer stopped", e);
        } finally {
            try {
                consumer.commitSync(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("final commit failed: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || (record.key() != null && !handler.answersFor(record.key()))) {
            return;
        }
        ControlCommand command;
        try {
            command = Topics.CONTROL_COMMANDS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            deadLetters.increment();
            log.warn("undecodable control command at {}-{}@{} sent to the DLQ: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            reporter.deadLetter(DeadLetter.of(record.topic(), record.partition(), record.offset(),
                    record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value(),
                    record.headers(), StatusReporter.SERVICE, DeadLetter.reasonOf(e), e));
            return;
        }
        try {
            handler.handle(command);
        } catch (RuntimeException e) {
            log.error("command {} could not be handled", command.getCommandId(), e);
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

}
