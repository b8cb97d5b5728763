package com.quantumedge.supervisor.agent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.agent.command.CommandHandler;
import com.quantumedge.supervisor.agent.command.ControlCommandListener;
import com.quantumedge.supervisor.agent.command.ExecutedCommands;
import com.quantumedge.supervisor.agent.command.JobRunner;
import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.agent.config.BotSpec;
import com.quantumedge.supervisor.agent.process.BotSupervisor;
import com.quantumedge.supervisor.agent.status.StatusOutbox;
import com.quantumedge.supervisor.agent.status.StatusReporter;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The agent on a bot host, wired without Spring so it can be started, killed and restarted on the
 * same data dir in tests: bot supervisors, the control-command listener, the status outbox and the
 * periodic heartbeat and log rotation.
 */
public final class ProcessAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessAgent.class);
    private static final int EXECUTED_COMMANDS_KEPT = 10_000;

    private final AgentProperties properties;
    private final StatusOutbox outbox;
    private final StatusReporter reporter;
    private final Map<String, BotSupervisor> bots = new LinkedHashMap<>();
    private final ExecutedCommands executed;
    private final JobRunner jobs;
    private final SupervisedListener commands;
    private final ScheduledExecutorService timers;
    private volatile boolean closed;

    /** Against a plain broker (tests, benchmarks). */
    public ProcessAgent(AgentProperties properties, String bootstrapServers, MeterRegistry registry) {
        this(properties, KafkaClientSettings.bootstrap(bootstrapServers), registry);
    }

    public ProcessAgent(AgentProperties properties, KafkaClientSettings kafka, MeterRegistry registry) {
        this.properties = properties;
        this.outbox = new StatusOutbox(new KafkaProducer<>(kafka.producer(producerConfig(properties.agentId()))),
                properties.outboxCapacity(), registry);
        this.reporter = new StatusReporter(properties.agentId(), outbox);
        for (BotSpec spec : properties.bots()) {
            bots.put(spec.id(), new BotSupervisor(spec, properties.agentId(), properties.dataDir(),
                    properties.logDirOf(spec), properties.restart(), reporter, registry));
        }
        this.executed = new ExecutedCommands(properties.dataDir().resolve("executed-commands.tsv"), EXECUTED_COMMANDS_KEPT);
        this.jobs = new JobRunner(properties.dataDir().resolve("logs"), properties.agentId());
        CommandHandler handler = new CommandHandler(Map.copyOf(bots), properties.jobs(), executed, jobs, reporter,
                properties.rejectUnmanagedBots(), properties.maxCommandAge(), registry);
        this.commands = new ControlCommandListener(handler).supervised(kafka, properties.agentId(), registry);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adopts or starts the bots, then begins taking commands and reporting. */
    public ProcessAgent start() {
        log.info("process agent {} starting with bots {} (data dir {})", properties.agentId(), bots.keySet(),
                properties.dataDir().toAbsolutePath());
        bots.values().forEach(BotSupervisor::adoptOrStart);
        commands.start();
        long heartbeatMs = properties.heartbeatInterval().toMillis();
        timers.scheduleAtFixedRate(this::heartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> bots.values().forEach(BotSupervisor::rotateLog), 1, 1, TimeUnit.SECONDS);
        return this;
    }

    public Optional<BotSupervisor> bot(String botId) {
        return Optional.ofNullable(bots.get(botId));
    }

    public String agentId() {
        return properties.agentId();
    }

    /** The control command consumer: the agent's readiness contributor {@code controlCommands}. */
    public SupervisedListener commands() {
        return commands;
    }

    public int pendingStatusRecords() {
        return outbox.size();
    }

    private void heartbeat() {
        // Heartbeats say "alive now": while Kafka is away they would only crowd out real transitions.
        if (outbox.isBacklogged()) {
            return;
        }
        bots.values().forEach(b -> reporter.heartbeat(b.view()));
    }

    /**
     * Shuts down: stops taking commands, then stops the bots or leaves them running for the next
     * agent ({@code supervisor.agent.stop-bots-on-shutdown}), then flushes what is left to report.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("process agent {} shutting down", properties.agentId());
        commands.close();
        timers.shutdownNow();
        bots.values().forEach(b -> b.close(properties.stopBotsOnShutdown()));
        jobs.close();
        outbox.flush(Duration.ofSeconds(3));
        outbox.close();
        executed.close();
    }

    private static Map<String, Object> producerConfig(String agentId) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "process-agent-" + agentId);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Short timeouts: the outbox keeps records and retries, so the producer should give up fast.
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        c.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return c;
    }
}
