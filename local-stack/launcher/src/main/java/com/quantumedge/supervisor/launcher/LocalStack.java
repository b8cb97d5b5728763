package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Everything {@code ./supervisor up} runs, in one JVM: the broker first, then the services that are
 * started against it. Closed in reverse order (services before the broker, so no client logs
 * connection errors on the way down).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final SupervisorHome home;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    private LocalStack(SupervisorHome home) {
        this.home = home;
    }

    public static LocalStack start(SupervisorHome home) {
        LocalStack stack = new LocalStack(home);
        try {
            stack.startBroker();
            stack.writeEnvAndPid();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    private void startBroker() {
        LocalKafkaBroker broker = LocalKafkaBroker.start(home.kafkaDir());
        started.push(broker);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicProvisioner.Report report = new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
            log.info("Topics: {} created, {} unchanged", report.created().size(), report.unchanged().size());
            report.drifts().forEach(d -> log.warn("Topic drift: {}", d));
        }
        env.put("KAFKA_BOOTSTRAP", broker.bootstrapServers());
    }

    private void writeEnvAndPid() {
        home.writeEnv(env);
        try {
            Files.writeString(home.pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Error stopping {}: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
        try {
            Files.deleteIfExists(home.pidFile());
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", home.pidFile(), e.toString());
        }
    }
}
