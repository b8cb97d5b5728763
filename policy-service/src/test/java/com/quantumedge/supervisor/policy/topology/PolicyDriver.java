package com.quantumedge.supervisor.policy.topology;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** The policy topology under a TopologyTestDriver, with inputs at explicit event times. */
public final class PolicyDriver implements AutoCloseable {

    public static final String BOT = "bot-1";

    private final TopologyTestDriver driver;
    private final TestOutputTopic<String, ControlCommand> commands;
    private final TestOutputTopic<String, SupervisorEvent> events;
    private final TestOutputTopic<String, Snapshot> snapshots;
    private final TestOutputTopic<String, OperatorCommand> operatorCommands;
    private final TestOutputTopic<String, byte[]> dlq;
    private int seq;

    public PolicyDriver(PolicyConfig config) {
        this(config, false);
    }

    /** @param llmChecksAnswered whether an LLM advisor beside the topology answers LLM_CHECK */
    public PolicyDriver(PolicyConfig config, boolean llmChecksAnswered) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "policy-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/policy-ttd");
        driver = new TopologyTestDriver(PolicyTopology.buildTopology(new StreamsBuilder(), config, PolicyObserver.NONE,
                llmChecksAnswered).build(), props);
        commands = output(Topics.CONTROL_COMMANDS);
        events = output(Topics.EVENTS);
        snapshots = output(Topics.SNAPSHOTS);
        operatorCommands = output(Topics.OPERATOR_COMMANDS);
        dlq = driver.createOutputTopic(Topics.DLQ.name(), new StringDeserializer(), Serdes.ByteArray().deserializer());
    }

    /** T1 = 30 s, T2 = 90 s, cooldown 60 s, K = 3 in 30 min, snapshots every 5 min: the defaults. */
    public static PolicyDriver withDefaults() {
        return new PolicyDriver(PolicyConfig.defaults());
    }

    private <V> TestOutputTopic<String, V> output(TopicSpec<V> spec) {
        return driver.createOutputTopic(spec.name(), new StringDeserializer(), spec.valueSerde().deserializer());
    }

    public <V> void pipe(TopicSpec<V> spec, String key, V value, long tsMs) {
        driver.createInputTopic(spec.name(), new StringSerializer(), spec.valueSerde().serializer())
                .pipeInput(new TestRecord<>(key, value, null, tsMs));
    }

    public void pipeRaw(TopicSpec<?> spec, String key, byte[] bytes, long tsMs) {
        driver.createInputTopic(spec.name(), new StringSerializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>(key, bytes, null, tsMs));
    }

    public PolicyDriver heartbeat(String bot, long tsMs) {
        pipe(Topics.HEARTBEATS, bot, heartbeatOf(bot, tsMs), tsMs);
        return this;
    }

    public PolicyDriver tick(String bot, long tsMs) {
        pipe(Topics.TICKS, bot, tickOf(bot, tsMs), tsMs);
        return this;
    }

    /** One tick per second from {@code fromMs} to {@code toMs} inclusive. */
    public PolicyDriver ticks(String bot, long fromMs, long toMs) {
        for (long t = fromMs; t <= toMs; t += 1000) {
            tick(bot, t);
        }
        return this;
    }

    public PolicyDriver processState(String bot, long tsMs, ProcessState state, int restartCount) {
        pipe(Topics.AGENT_STATUS, bot, AgentStatus.newBuilder().setEventId("as-" + (++seq)).setBotId(bot).setTsMs(tsMs)
                .setAgentId("agent-1").setKind(AgentStatusKind.PROCESS_STATE).setProcessState(state)
                .setRestartCount(restartCount).build(), tsMs);
        return this;
    }

    public PolicyDriver operator(String bot, long tsMs, CommandType type, Map<String, String> args) {
        pipe(Topics.OPERATOR_COMMANDS, bot, operatorCommand(bot, tsMs, type, args, "alice", "maintenance"), tsMs);
        return this;
    }

    public OperatorCommand operatorCommand(String bot, long tsMs, CommandType type, Map<String, String> args,
            String issuedBy, String reason) {
        return OperatorCommand.newBuilder().setEventId("op-event-" + (++seq)).setBotId(bot).setTsMs(tsMs)
                .setCommandId("op-" + seq).setCommandType(type).setIssuedBy(issuedBy).setReason(reason)
                .setArgs(args).setSource("HTTP").build();
    }

    public PolicyDriver riskState(String bot, long tsMs, long sequence, TradingState state, double realizedPnl,
            double grossExposure) {
        pipe(Topics.RISK_STATE, bot, RiskState.newBuilder().setEventId("rs-" + (++seq)).setBotId(bot).setTsMs(tsMs)
                .setSequence(sequence).setTradingState(state).setEquity(10_000.0).setRealizedPnlToday(realizedPnl)
                .setUnrealizedPnl(-5.0).setGrossExposure(grossExposure).setNetExposure(grossExposure / 2)
                .setRiskMultiplier(0.5).build(), tsMs);
        return this;
    }

    public static Heartbeat heartbeatOf(String bot, long tsMs) {
        return Heartbeat.newBuilder().setEventId("hb-" + bot + "-" + tsMs).setBotId(bot).setTsMs(tsMs)
                .setEquity(1000.0).setRealizedPnlToday(12.5).setMode("paper").setOpenOrderCount(2).build();
    }

    public static Tick tickOf(String bot, long tsMs) {
        return Tick.newBuilder().setEventId("tick-" + bot + "-" + tsMs).setBotId(bot).setTsMs(tsMs).build();
    }

    public List<ControlCommand> commands() {
        return commands.readValuesToList();
    }

    public List<SupervisorEvent> events() {
        return events.readValuesToList();
    }

    public List<SupervisorEvent> events(EventType type) {
        return events().stream().filter(e -> e.getEventType() == type).toList();
    }

    public List<Snapshot> snapshots() {
        return snapshots.readValuesToList();
    }

    /** What the policy wrote to the operator-commands topic (escalation HALTs). */
    public List<OperatorCommand> halts() {
        return operatorCommands.readValuesToList().stream().filter(c -> "POLICY".equals(c.getSource())).toList();
    }

    public List<TestRecord<String, byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
