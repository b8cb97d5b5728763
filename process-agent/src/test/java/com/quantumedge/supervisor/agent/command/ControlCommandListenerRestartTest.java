package com.quantumedge.supervisor.agent.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.quantumedge.supervisor.agent.ProcessAgent;
import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.agent.support.AgentTopics;
import com.quantumedge.supervisor.agent.support.TestAgents;
import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.localkafka.testing.ConsumerFailureInjection;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The agent's control command consumer dies (an Error out of its poll, injected into the real
 * consumer): readiness ({@code controlCommands}) goes DOWN, a new consumer is started after the
 * backoff and counted, readiness comes back UP, and commands are answered again, the one in the
 * failed poll included (its offset was not committed).
 */
class ControlCommandListenerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestAgents agents = new TestAgents();
    private final AgentTopics topics = new AgentTopics(SharedKafkaBroker.bootstrapServers());
    private ProcessAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        agents.close();
        topics.close();
    }

    @Test
    @DisplayName("a dead control command consumer: readiness DOWN, replaced after the backoff and counted, UP again and answering")
    void replacesADeadConsumer() {
        String bot = agents.newBotId();
        AgentProperties p = agents.properties(TestAgents.FAST_RESTARTS, Map.of(), TestAgents.bot(bot));
        // Answers for bots it does not manage too, so a HALT is REJECTED at once: an answer is all this test needs.
        AgentProperties properties = new AgentProperties(p.agentId(), p.dataDir(), p.heartbeatInterval(), p.maxCommandAge(), true,
                false, p.outboxCapacity(), p.restart(), List.of(), p.jobs());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        agent = new ProcessAgent(properties, failureInjectable(), meters).start();
        await().atMost(WAIT).until(() -> agent.commands().health().getStatus().equals(Status.UP));
        assertThat(answered(topics.send(bot, CommandType.HALT, Map.of()))).as("answered before the failure").isTrue();

        ConsumerFailureInjection.arm("process-agent-" + properties.agentId(),
                new ConsumerFailureInjection.InjectedFailure("injected: command consumer broke"));
        ControlCommand duringFailure = topics.send(bot, CommandType.HALT, Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.commands().health().getStatus().equals(Status.DOWN));
        assertThat(ConsumerFailureInjection.fired("process-agent-" + properties.agentId())).isTrue();

        await().atMost(WAIT).until(() -> agent.commands().health().getStatus().equals(Status.UP));
        assertThat(meters.counter(SupervisedListeners.RESTARTS_METRIC, "listener", ControlCommandListener.READINESS).count())
                .isEqualTo(1);
        assertThat(answered(duringFailure)).as("the command of the failed poll, redelivered").isTrue();
        assertThat(answered(topics.send(bot, CommandType.HALT, Map.of()))).as("answered after the restart").isTrue();
    }

    private boolean answered(ControlCommand command) {
        await().atMost(WAIT).until(() -> !topics.acks(command).isEmpty());
        return topics.acks(command).get(0).getAck() == AckStatus.REJECTED;
    }

    private static KafkaClientSettings failureInjectable() {
        KafkaProperties spring = new KafkaProperties();
        spring.setBootstrapServers(List.of(SharedKafkaBroker.bootstrapServers()));
        spring.getConsumer().getProperties().putAll(ConsumerFailureInjection.CONFIG);
        return KafkaClientSettings.from(spring);
    }
}
