package com.quantumedge.supervisor.policy.advisor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.schemas.GeneratedClasses;

/** Settings, inputs and a recording output for advisor tests. */
final class AdvisorFixtures {

    static final String MODEL = "test-model";

    static {
        GeneratedClasses.trust(); // builders of records with nested defaults need it; the serdes do it in the service
    }

    private AdvisorFixtures() {
    }

    /** Fast settings for tests against a local server: 300 ms timeout, 3 attempts 100/200 ms apart, a breaker that never opens. */
    static AdvisorProperties settings(String baseUrl, TrustMode mode) {
        return settings(baseUrl, mode, new AdvisorProperties.Retry(3, Duration.ofMillis(100), 2.0),
                new AdvisorProperties.CircuitBreaker(100, 100, 100, Duration.ofMinutes(5), 1));
    }

    static AdvisorProperties settings(String baseUrl, TrustMode mode, AdvisorProperties.Retry retry,
            AdvisorProperties.CircuitBreaker breaker) {
        return new AdvisorProperties(true, mode, Duration.ofMinutes(15), baseUrl, MODEL, "QE_ADVISOR_TEST_KEY_UNSET",
                Duration.ofMillis(300), 200, true, 0.25, 10, 4, "advisor-test", Duration.ZERO, retry, breaker);
    }

    static Snapshot snapshot(String bot, String snapshotId, TradingState state, double multiplier) {
        return Snapshot.newBuilder().setEventId(snapshotId).setBotId(bot).setTsMs(1_700_000_000_000L)
                .setTradingState(state).setProcessState(ProcessState.RUNNING).setHeartbeatAgeMs(1_000L)
                .setEquity(10_000.0).setRealizedPnlToday(-250.0).setUnrealizedPnl(-40.0).setGrossExposure(5_000.0)
                .setNetExposure(5_000.0).setOpenOrders(2).setRiskMultiplier(multiplier).setMode("live")
                .setOpenAlerts(List.of()).build();
    }

    static Snapshot snapshot(String bot, String snapshotId) {
        return snapshot(bot, snapshotId, TradingState.ACTIVE, 1.0);
    }

    static RiskState risk(String bot, long sequence, boolean entriesPaused, boolean llmPaused, double multiplier) {
        return RiskState.newBuilder().setEventId("rs-" + sequence).setBotId(bot).setTsMs(1_700_000_000_000L)
                .setSequence(sequence).setTradingState(TradingState.ACTIVE).setEntriesPaused(entriesPaused)
                .setLlmPaused(llmPaused).setRiskMultiplier(multiplier).setEquity(10_000.0).build();
    }

    static BotView view(Snapshot snapshot, RiskState risk) {
        return new BotView(snapshot.getBotId(), 0, snapshot, risk, List.of(), false);
    }

    /** Keeps what the advisor published, in order. */
    static final class RecordingOutput implements AdvisorOutput {

        final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
        final List<OperatorCommand> commands = new CopyOnWriteArrayList<>();

        @Override
        public void publish(SupervisorEvent event) {
            events.add(event);
        }

        @Override
        public void publish(OperatorCommand command) {
            commands.add(command);
        }

        List<SupervisorEvent> alertsWithState(String state) {
            return events.stream().filter(e -> state.equals(e.getAttributes().get("state"))).toList();
        }

        List<SupervisorEvent> adviceEvents() {
            return events.stream().filter(e -> e.getAttributes().containsKey("action")).toList();
        }

        List<CommandType> commandTypes() {
            return commands.stream().map(OperatorCommand::getCommandType).toList();
        }
    }
}
