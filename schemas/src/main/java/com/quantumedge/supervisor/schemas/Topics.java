package com.quantumedge.supervisor.schemas;

import static com.quantumedge.supervisor.schemas.ServiceAccount.GATEWAY;
import static com.quantumedge.supervisor.schemas.ServiceAccount.OPERATOR;
import static com.quantumedge.supervisor.schemas.ServiceAccount.POLICY_SERVICE;
import static com.quantumedge.supervisor.schemas.ServiceAccount.PROCESS_AGENT;
import static com.quantumedge.supervisor.schemas.ServiceAccount.RISK_STREAM;
import static com.quantumedge.supervisor.schemas.ServiceAccount.TSDB_SINK;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.schemas.serde.AvroSerde;

/**
 * The one catalog of topics: provisioning, producers, consumers and topologies all take names,
 * serdes and settings from here, and the Kafka ACLs from who writes and reads each topic. Every
 * topic is keyed by bot id and has {@link #PARTITIONS} partitions, so any two of them are
 * co-partitioned.
 */
public final class Topics {

    /** Partition count of every bot-keyed topic; the unit of parallelism of every service. */
    public static final int PARTITIONS = 6;

    /** Key of the default limits record on {@link #RISK_LIMITS}. */
    public static final String DEFAULT_LIMITS_KEY = "*";

    private static final Duration DAY = Duration.ofDays(1);

    public static final TopicSpec<Heartbeat> HEARTBEATS = avro("qe.heartbeats.v1", Heartbeat.class, 7,
            "bot heartbeats; gateway -> risk-stream, policy-service, tsdb-sink",
            writtenBy(GATEWAY), readBy(RISK_STREAM, POLICY_SERVICE, TSDB_SINK, GATEWAY));
    public static final TopicSpec<OrderRequest> ORDER_REQUESTS = avro("qe.order-requests.v1", OrderRequest.class, 7,
            "pre-trade checks; gateway -> risk-stream, tsdb-sink",
            writtenBy(GATEWAY), readBy(RISK_STREAM, TSDB_SINK));
    public static final TopicSpec<OrderDecision> ORDER_DECISIONS = avro("qe.order-decisions.v1", OrderDecision.class, 7,
            "allow/deny answers; risk-stream -> gateway (reply), tsdb-sink",
            writtenBy(RISK_STREAM), readBy(GATEWAY, TSDB_SINK));
    public static final TopicSpec<Execution> EXECUTIONS = avro("qe.executions.v1", Execution.class, 30,
            "fills, cancels, rejects, expiries; gateway -> risk-stream, tsdb-sink",
            writtenBy(GATEWAY), readBy(RISK_STREAM, TSDB_SINK));
    public static final TopicSpec<RiskState> RISK_STATE = compacted("sup.risk-state.v1", RiskState.class,
            "latest risk state per bot; risk-stream -> gateway views, policy-service, tsdb-sink",
            writtenBy(RISK_STREAM), readBy(GATEWAY, POLICY_SERVICE, TSDB_SINK));
    public static final TopicSpec<OperatorCommand> OPERATOR_COMMANDS = avro("sup.operator-commands.v1", OperatorCommand.class, 30,
            "operator commands (who, why, when); gateway/CLI/policy -> risk-stream, policy-service, tsdb-sink",
            writtenBy(GATEWAY, POLICY_SERVICE), readBy(RISK_STREAM, POLICY_SERVICE, TSDB_SINK));
    public static final TopicSpec<ControlCommand> CONTROL_COMMANDS = avro("sup.control-commands.v1", ControlCommand.class, 7,
            "process commands; policy-service -> process-agent, tsdb-sink",
            writtenBy(POLICY_SERVICE), readBy(PROCESS_AGENT, TSDB_SINK));
    public static final TopicSpec<AgentStatus> AGENT_STATUS = avro("sup.agent-status.v1", AgentStatus.class, 7,
            "acks, process state, agent heartbeats; process-agent -> policy-service, gateway views, tsdb-sink",
            writtenBy(PROCESS_AGENT), readBy(POLICY_SERVICE, GATEWAY, TSDB_SINK));
    public static final TopicSpec<SupervisorEvent> EVENTS = avro("sup.events.v1", SupervisorEvent.class, 30,
            "breaches, state changes, staleness, restarts, alerts, limit changes; all services -> tsdb-sink, operators",
            writtenBy(GATEWAY, RISK_STREAM, POLICY_SERVICE, PROCESS_AGENT), readBy(GATEWAY, POLICY_SERVICE, TSDB_SINK));
    public static final TopicSpec<Snapshot> SNAPSHOTS = avro("sup.snapshots.v1", Snapshot.class, 30,
            "periodic per-bot summaries; policy-service -> tsdb-sink, gateway views",
            writtenBy(POLICY_SERVICE), readBy(GATEWAY, POLICY_SERVICE, TSDB_SINK));
    public static final TopicSpec<Tick> TICKS = avro("sup.ticks.v1", Tick.class, 1,
            "clock records, one per bot per second; tick source -> policy-service",
            writtenBy(POLICY_SERVICE), readBy(POLICY_SERVICE));
    public static final TopicSpec<RiskLimits> RISK_LIMITS = compacted("sup.risk-limits.v1", RiskLimits.class,
            "risk limits per bot and defaults ('*'); configuration (risk-stream), operators (gateway PUT /api/v1/limits) -> "
                    + "risk-stream, gateway views, tsdb-sink",
            writtenBy(RISK_STREAM, GATEWAY), readBy(RISK_STREAM, GATEWAY, TSDB_SINK));
    public static final TopicSpec<Alert> ALERTS = compacted("sup.alerts.v1", Alert.class,
            "supervisor alert conditions, key bot_id|alertname[|detail], latest state per key; "
                    + "policy-service (alert topology) -> policy-service (Alertmanager notifier), gateway views, tsdb-sink",
            writtenBy(POLICY_SERVICE), readBy(GATEWAY, POLICY_SERVICE, TSDB_SINK));
    public static final TopicSpec<byte[]> DLQ = new TopicSpec<>("sup.dlq.v1", byte[].class, Serdes.ByteArray(),
            PARTITIONS, false, Optional.of(DAY.multipliedBy(30)),
            "undecodable or rejected records: original key and bytes plus error headers; any -> operators, "
                    + "policy-service (dead-letter alerts)",
            writtenBy(GATEWAY, RISK_STREAM, POLICY_SERVICE, PROCESS_AGENT, TSDB_SINK), readBy(POLICY_SERVICE));

    /** Every topic, in the order of the architecture brief. */
    public static final List<TopicSpec<?>> ALL = List.of(
            HEARTBEATS, ORDER_REQUESTS, ORDER_DECISIONS, EXECUTIONS, RISK_STATE, OPERATOR_COMMANDS,
            CONTROL_COMMANDS, AGENT_STATUS, EVENTS, SNAPSHOTS, TICKS, RISK_LIMITS, ALERTS, DLQ);

    private Topics() {
    }

    public static Optional<TopicSpec<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TopicSpec<V> avro(String name, Class<V> type,
            int retentionDays, String description, Set<ServiceAccount> writers, Set<ServiceAccount> readers) {
        return new TopicSpec<>(name, type, AvroSerde.of(type), PARTITIONS, false,
                Optional.of(DAY.multipliedBy(retentionDays)), description, writers, readers);
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TopicSpec<V> compacted(String name, Class<V> type,
            String description, Set<ServiceAccount> writers, Set<ServiceAccount> readers) {
        return new TopicSpec<>(name, type, AvroSerde.of(type), PARTITIONS, true, Optional.empty(), description,
                writers, readers);
    }

    private static Set<ServiceAccount> writtenBy(ServiceAccount... writers) {
        return Set.of(writers);
    }

    /** The operator CLI reads every topic (tail, replay, diag): it is a reader of each without being named. */
    private static Set<ServiceAccount> readBy(ServiceAccount... readers) {
        return EnumSet.of(OPERATOR, readers);
    }
}
