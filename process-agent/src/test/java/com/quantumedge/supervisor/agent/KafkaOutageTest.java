package com.quantumedge.supervisor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.agent.support.AgentTopics;
import com.quantumedge.supervisor.agent.support.TestAgents;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

/** Supervision does not depend on Kafka: a broker of its own is stopped under a crashing bot. */
class KafkaOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final TestAgents agents = new TestAgents();
    private LocalKafkaBroker broker;
    private AgentTopics topics;

    @AfterEach
    void tearDown() {
        agents.close();
        if (topics != null) {
            topics.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("with the broker down the agent still restarts a crashing bot, and reports it all when the broker returns")
    void restartsWhileKafkaIsDown() {
        Path dir = Path.of("target", "outage-kafka-" + SharedKafkaBroker.uniqueName("b")).toAbsolutePath();
        broker = LocalKafkaBroker.start(dir);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
        }
        String bootstrap = broker.bootstrapServers();
        String bot = agents.newBotId();
        ProcessAgent agent = agents.start(agents.properties(TestAgents.FAST_RESTARTS, Map.of(),
                TestAgents.bot(bot, "--mode", "crash", "--crash-after-s", "2")), bootstrap);
        await().atMost(WAIT).until(() -> agent.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING
                && agent.pendingStatusRecords() == 0);

        broker.close();
        Set<Long> pidsWhileDown = new HashSet<>();
        await().atMost(WAIT).until(() -> {
            Long pid = agent.bot(bot).orElseThrow().view().pid();
            if (pid != null) {
                pidsWhileDown.add(pid);
            }
            return pidsWhileDown.size() >= 3;
        });
        assertThat(agent.pendingStatusRecords()).isPositive();

        broker = LocalKafkaBroker.start(dir);
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        topics = new AgentTopics(bootstrap);

        await().atMost(WAIT).until(() -> agent.pendingStatusRecords() == 0);
        await().atMost(WAIT).until(() -> topics.starts(bot).stream().map(s -> s.getPid()).toList()
                .containsAll(pidsWhileDown));
        assertThat(topics.transitions(bot, ProcessState.EXITED)).hasSizeGreaterThanOrEqualTo(2);
    }
}
