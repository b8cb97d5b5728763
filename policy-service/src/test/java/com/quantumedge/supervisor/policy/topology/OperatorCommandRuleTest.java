package com.quantumedge.supervisor.policy.topology;

import static com.quantumedge.supervisor.policy.topology.PolicyDriver.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.schemas.Topics;

@DisplayName("Operator commands of process type")
class OperatorCommandRuleTest {

    static final long T0 = 1_700_000_100_000L;

    static PolicyConfig withAllowedModes(List<String> modes, List<String> jobs) {
        PolicyConfig d = PolicyConfig.defaults();
        return new PolicyConfig(d.heartbeat(), d.restart(), d.crashLoop(), d.snapshot(), new PolicyConfig.Operator(modes, jobs));
    }

    static Stream<Arguments> validCommands() {
        return Stream.of(
                Arguments.of(CommandType.START, Map.of()),
                Arguments.of(CommandType.STOP, Map.of()),
                Arguments.of(CommandType.RESTART, Map.of()),
                Arguments.of(CommandType.SET_MODE, Map.of("mode", "paper")),
                Arguments.of(CommandType.RUN_JOB, Map.of("job", "meta-agent")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validCommands")
    @DisplayName("a valid process command becomes a ControlCommand with the operator's command id, name, reason and args")
    void validBecomesControlCommand(CommandType type, Map<String, String> args) {
        try (PolicyDriver policy = new PolicyDriver(withAllowedModes(List.of("paper", "live"), List.of("meta-agent")))) {
            OperatorCommand command = policy.operatorCommand(BOT, T0, type, args, "alice", "deploying 1.2.3");
            policy.pipe(Topics.OPERATOR_COMMANDS, BOT, command, T0);

            assertThat(policy.commands()).singleElement().satisfies(c -> {
                assertThat(c.getCommandType()).isEqualTo(type);
                assertThat(c.getCommandId()).isEqualTo(command.getCommandId());
                assertThat(c.getCorrelationId()).isEqualTo(command.getCommandId());
                assertThat(c.getIssuedBy()).isEqualTo("alice");
                assertThat(c.getReason()).isEqualTo("deploying 1.2.3");
                assertThat(c.getArgs()).isEqualTo(args);
                assertThat(c.getOrigin()).isEqualTo("OPERATOR");
                assertThat(c.getTsMs()).isEqualTo(T0);
            });
            assertThat(policy.events()).isEmpty();
        }
    }

    static Stream<Arguments> invalidCommands() {
        return Stream.of(
                Arguments.of(CommandType.SET_MODE, Map.of(), "alice", "why", "args.mode"),
                Arguments.of(CommandType.SET_MODE, Map.of("mode", "yolo"), "alice", "why", "args.mode"),
                Arguments.of(CommandType.SET_MODE, Map.of("mode", "rm -rf /"), "alice", "why", "args.mode"),
                Arguments.of(CommandType.RUN_JOB, Map.of(), "alice", "why", "args.job"),
                Arguments.of(CommandType.RUN_JOB, Map.of("job", "bitcoin-miner"), "alice", "why", "args.job"),
                Arguments.of(CommandType.RESTART, Map.of(), " ", "why", "issued_by"),
                Arguments.of(CommandType.STOP, Map.of(), "alice", "", "reason"),
                Arguments.of(CommandType.UNKNOWN, Map.of(), "alice", "why", "command_type"));
    }

    @ParameterizedTest(name = "{0} {1} by ''{2}'' because ''{3}'' -> rejected on {4}")
    @MethodSource("invalidCommands")
    @DisplayName("an invalid command sends nothing to the agent and raises OPERATOR_COMMAND_REJECTED naming the field")
    void invalidIsRejected(CommandType type, Map<String, String> args, String issuedBy, String reason, String field) {
        try (PolicyDriver policy = new PolicyDriver(withAllowedModes(List.of("paper", "live"), List.of("meta-agent")))) {
            OperatorCommand command = policy.operatorCommand(BOT, T0, type, args, issuedBy, reason);
            policy.pipe(Topics.OPERATOR_COMMANDS, BOT, command, T0);

            assertThat(policy.commands()).isEmpty();
            assertThat(policy.events()).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.OPERATOR_COMMAND_REJECTED);
                assertThat(e.getAttributes()).containsEntry("field", field);
                assertThat(e.getCorrelationId()).isEqualTo(command.getCommandId());
            });
        }
    }

    @Test
    @DisplayName("with no allowed list configured any well-formed mode is accepted")
    void anyModeByDefault() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.operator(BOT, T0, CommandType.SET_MODE, Map.of("mode", "shadow"));

            assertThat(policy.commands()).extracting(ControlCommand::getCommandType).containsExactly(CommandType.SET_MODE);
        }
    }

    @Test
    @DisplayName("trading commands are the risk engine's: HALT, REDUCE_ONLY and the policy's own HALTs produce nothing here")
    void tradingCommandsIgnored() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.operator(BOT, T0, CommandType.HALT, Map.of()).operator(BOT, T0 + 1, CommandType.REDUCE_ONLY, Map.of());
            OperatorCommand own = policy.operatorCommand(BOT, T0 + 2, CommandType.HALT, Map.of(), "policy:restart-budget", "x");
            own.setSource("POLICY");
            policy.pipe(Topics.OPERATOR_COMMANDS, BOT, own, T0 + 2);

            assertThat(policy.commands()).isEmpty();
            assertThat(policy.events()).isEmpty();
            assertThat(policy.halts()).isEmpty();
        }
    }

    @Test
    @DisplayName("LLM_CHECK with no advisor to answer it (disabled or mode off) is rejected on command_type, under its command id")
    void llmCheckWithoutAdvisorRejected() {
        try (PolicyDriver policy = new PolicyDriver(PolicyConfig.defaults(), false)) {
            OperatorCommand command = policy.operatorCommand(BOT, T0, CommandType.LLM_CHECK, Map.of(), "alice", "volatile session");
            policy.pipe(Topics.OPERATOR_COMMANDS, BOT, command, T0);

            assertThat(policy.commands()).isEmpty();
            assertThat(policy.events()).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.OPERATOR_COMMAND_REJECTED);
                assertThat(e.getAttributes()).containsEntry("field", "command_type").containsEntry("command_type", "LLM_CHECK");
                assertThat(e.getMessage()).contains("LLM advisor is disabled or in mode off");
                assertThat(e.getCorrelationId()).isEqualTo(command.getCommandId());
            });
        }
    }

    @Test
    @DisplayName("LLM_CHECK with an advisor beside the topology is the advisor's: nothing to the agent, no event here")
    void llmCheckWithAdvisorLeftToIt() {
        try (PolicyDriver policy = new PolicyDriver(PolicyConfig.defaults(), true)) {
            policy.operator(BOT, T0, CommandType.LLM_CHECK, Map.of());

            assertThat(policy.commands()).isEmpty();
            assertThat(policy.events()).isEmpty();
        }
    }

    @Test
    @DisplayName("a redelivered operator command yields the same command id, so the agent executes it once")
    void redeliveryKeepsId() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            OperatorCommand command = policy.operatorCommand(BOT, T0, CommandType.RESTART, Map.of(), "alice", "why");
            policy.pipe(Topics.OPERATOR_COMMANDS, BOT, command, T0);
            policy.pipe(Topics.OPERATOR_COMMANDS, BOT, command, T0);

            List<ControlCommand> commands = policy.commands();
            assertThat(commands).hasSize(2);
            assertThat(commands.get(0)).isEqualTo(commands.get(1));
        }
    }
}
