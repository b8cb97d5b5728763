package com.quantumedge.supervisor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.agent.support.AgentTopics;
import com.quantumedge.supervisor.agent.support.TestAgents;
import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/** Bad commands are answered with a reason and never stop the agent. */
class BadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestAgents agents = new TestAgents();
    private final AgentTopics topics = new AgentTopics(SharedKafkaBroker.bootstrapServers());

    @AfterEach
    void tearDown() {
        agents.close();
        topics.close();
    }

    /** One agent managing one idle (not autostarted) bot and answering for unmanaged bots too. */
    private String idleBotAgent() {
        String bot = agents.newBotId();
        var spec = TestAgents.bot(bot);
        spec = new com.quantumedge.supervisor.agent.config.BotSpec(spec.id(), spec.command(), null, Map.of(), null,
                "paper", List.of("paper", "live"), false, true, Duration.ofSeconds(5), spec.logMaxSize(), 2);
        AgentProperties p = agents.properties(TestAgents.FAST_RESTARTS, Map.of(), spec);
        agents.start(new AgentProperties(p.agentId(), p.dataDir(), p.heartbeatInterval(), p.maxCommandAge(), true,
                false, p.outboxCapacity(), p.restart(), p.bots(), p.jobs()));
        return bot;
    }

    private AgentStatus answerTo(ControlCommand command) {
        await().atMost(WAIT).until(() -> !topics.acks(command).isEmpty());
        return topics.acks(command).get(0);
    }

    @Test
    @DisplayName("commands that are not process commands, or of unknown type, are REJECTED with the reason")
    void rejectsNonProcessCommands() {
        String bot = idleBotAgent();
        ControlCommand halt = topics.send(bot, CommandType.HALT, Map.of());
        ControlCommand unknown = topics.send(bot, CommandType.UNKNOWN, Map.of());

        assertThat(answerTo(halt).getAck()).isEqualTo(AckStatus.REJECTED);
        assertThat(answerTo(halt).getMessage()).contains("HALT is a trading command");
        assertThat(answerTo(unknown).getAck()).isEqualTo(AckStatus.REJECTED);
        assertThat(answerTo(unknown).getMessage()).contains("unknown command type");
    }

    @Test
    @DisplayName("a command for a bot this agent does not manage is REJECTED naming the bot")
    void rejectsUnmanagedBot() {
        idleBotAgent();
        String stranger = agents.newBotId();
        ControlCommand start = topics.send(stranger, CommandType.START, Map.of());

        assertThat(answerTo(start).getAck()).isEqualTo(AckStatus.REJECTED);
        assertThat(answerTo(start).getMessage()).contains(stranger).contains("not managed");
    }

    @Test
    @DisplayName("invalid arguments are REJECTED naming the argument")
    void rejectsInvalidArguments() {
        String bot = idleBotAgent();
        ControlCommand noMode = topics.send(bot, CommandType.SET_MODE, Map.of());
        ControlCommand badMode = topics.send(bot, CommandType.SET_MODE, Map.of("mode", "yolo"));
        ControlCommand noJob = topics.send(bot, CommandType.RUN_JOB, Map.of("job", "nope"));

        assertThat(answerTo(noMode).getMessage()).contains("args.mode is required");
        assertThat(answerTo(badMode).getMessage()).contains("args.mode 'yolo' is not one of [paper, live]");
        assertThat(answerTo(noJob).getMessage()).contains("args.job 'nope' is not a configured job");
        assertThat(List.of(answerTo(noMode), answerTo(badMode), answerTo(noJob)))
                .allSatisfy(a -> assertThat(a.getAck()).isEqualTo(AckStatus.REJECTED));
    }

    @Test
    @DisplayName("START of a bot whose executable does not exist FAILS with the reason and leaves it FAILED")
    void missingExecutable() {
        String bot = agents.newBotId();
        var spec = TestAgents.bot(bot, "paper", Duration.ofSeconds(1), List.of("/nonexistent/run_bot.py", "{mode}"));
        spec = new com.quantumedge.supervisor.agent.config.BotSpec(spec.id(), spec.command(), null, Map.of(), null,
                "paper", List.of(), false, true, Duration.ofSeconds(1), spec.logMaxSize(), 2);
        ProcessAgent agent = agents.start(TestAgents.FAST_RESTARTS, spec);

        ControlCommand start = topics.send(bot, CommandType.START, Map.of());

        await().atMost(WAIT).until(() -> topics.acks(start).size() == 2);
        assertThat(topics.ackStatuses(start)).containsExactly(AckStatus.ACCEPTED, AckStatus.FAILED);
        assertThat(topics.acks(start).get(1).getMessage()).contains("cannot start /nonexistent/run_bot.py");
        assertThat(agent.bot(bot).orElseThrow().view().state()).isEqualTo(ProcessState.FAILED);
    }

    @Test
    @DisplayName("an undecodable command goes to the DLQ with its reason and the next command is still executed")
    void undecodableToDlq() {
        String bot = idleBotAgent();
        topics.sendRaw(bot, "not avro at all".getBytes(StandardCharsets.UTF_8));
        ControlCommand after = topics.send(bot, CommandType.HALT, Map.of());

        await().atMost(WAIT).until(() -> topics.deadLetters.stream()
                .anyMatch(r -> bot.equals(r.key()) && "process-agent".equals(DeadLetter.header(r.headers(), DeadLetter.FAILED_BY))));
        var dead = topics.deadLetters.stream().filter(r -> bot.equals(r.key())).findFirst().orElseThrow();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON)).isEqualTo("BAD_HEADER");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(answerTo(after).getAck()).isEqualTo(AckStatus.REJECTED);
    }
}
