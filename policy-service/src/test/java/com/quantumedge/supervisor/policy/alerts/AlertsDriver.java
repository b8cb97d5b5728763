package com.quantumedge.supervisor.policy.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
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
import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/** The alert topology under a TopologyTestDriver, with inputs at explicit event times. */
final class AlertsDriver implements AutoCloseable {

    static final String BOT = "bot-1";
    static final Duration QUIET = Duration.ofMinutes(5);

    private final TopologyTestDriver driver;
    private final TestOutputTopic<String, Alert> alerts;
    private final Instant wallClockStart = Instant.parse("2026-12-07T00:00:00Z");

    AlertsDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/alerts-ttd");
        driver = new TopologyTestDriver(AlertsTopology.buildTopology(new StreamsBuilder(), QUIET).build(), props, wallClockStart);
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), new StringDeserializer(), Topics.ALERTS.valueSerde().deserializer());
    }

    long wallClockStartMs() {
        return wallClockStart.toEpochMilli();
    }

    <V> void pipe(TopicSpec<V> spec, String key, V value, long tsMs) {
        driver.createInputTopic(spec.name(), new StringSerializer(), spec.valueSerde().serializer())
                .pipeInput(new TestRecord<>(key, value, null, tsMs));
    }

    AlertsDriver riskState(long tsMs, TradingState state, String reason, boolean entriesPaused, boolean llmPaused,
            List<PositionState> positions) {
        pipe(Topics.RISK_STATE, BOT, RiskState.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(tsMs)
                .setTradingState(state).setStateReason(reason).setStateSinceTsMs(tsMs).setEntriesPaused(entriesPaused)
                .setLlmPaused(llmPaused).setEquity(10_000.0).setDrawdownPct(3.5).setRealizedPnlToday(-120.0)
                .setPositions(positions).build(), tsMs);
        return this;
    }

    AlertsDriver riskState(long tsMs, TradingState state, String reason) {
        return riskState(tsMs, state, reason, false, false, List.of());
    }

    /** The tombstone risk-stream writes when a bot is retired. */
    AlertsDriver retired(long tsMs) {
        driver.createInputTopic(Topics.RISK_STATE.name(), new StringSerializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>(BOT, null, null, tsMs));
        return this;
    }

    AlertsDriver processState(long tsMs, ProcessState state, int restarts) {
        pipe(Topics.AGENT_STATUS, BOT, AgentStatus.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(tsMs)
                .setAgentId("agent-1").setKind(AgentStatusKind.PROCESS_STATE).setProcessState(state).setRestartCount(restarts)
                .setExitCode(state == ProcessState.FAILED ? 3 : null).setMessage(state == ProcessState.FAILED ? "start limit hit" : null)
                .build(), tsMs);
        return this;
    }

    AlertsDriver event(long tsMs, EventType type, String message, String symbol, Map<String, String> attributes) {
        pipe(Topics.EVENTS, BOT, SupervisorEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(tsMs)
                .setEventType(type).setSeverity(Severity.WARNING).setSource("test").setMessage(message).setSymbol(symbol)
                .setAttributes(attributes).build(), tsMs);
        return this;
    }

    AlertsDriver operator(long tsMs, CommandType type, String issuedBy, String reason) {
        pipe(Topics.OPERATOR_COMMANDS, BOT, OperatorCommand.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(BOT)
                .setTsMs(tsMs).setCommandId(UUID.randomUUID().toString()).setCommandType(type).setIssuedBy(issuedBy)
                .setReason(reason).build(), tsMs);
        return this;
    }

    AlertsDriver deadLetter(String key, long tsMs, String failedBy, String reason, String topic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.FAILED_BY, failedBy.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.SOURCE_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        driver.createInputTopic(Topics.DLQ.name(), new StringSerializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>(key, new byte[] {1, 2, 3}, headers, tsMs));
        return this;
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Alerts emitted since the last call. */
    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    /** Keys of the alerts emitted since the last call, with their latest state (the compacted view). */
    Map<String, Alert> latestByKey() {
        return alerts.readKeyValuesToMap();
    }

    static PositionState position(String symbol, double qty) {
        return PositionState.newBuilder().setSymbol(symbol).setQty(qty).build();
    }

    @Override
    public void close() {
        driver.close();
    }
}
