package com.quantumedge.supervisor.policy.topology;

import static com.quantumedge.supervisor.policy.topology.PolicyDriver.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.TradingState;

@DisplayName("Periodic snapshots (every 5 min of event time)")
class SnapshotRuleTest {

    /** Aligned to a 5-minute boundary. */
    static final long T0 = 1_700_000_100_000L;

    @Test
    @DisplayName("ticks alone produce one snapshot per interval, at the first tick of each interval")
    void ticksAloneProduceSnapshots() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.ticks(BOT, T0 + 1000, T0 + 15 * 60_000);

            assertThat(policy.snapshots()).extracting(s -> s.getTsMs() - T0)
                    .containsExactly(1000L, 300_000L, 600_000L, 900_000L);
        }
    }

    @Test
    @DisplayName("a snapshot shows trading state, PnL, exposure and multiplier from risk state, heartbeat age, process state, mode and open alerts")
    void snapshotContents() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0 + 1000)
                    .riskState(BOT, T0 + 2000, 7, TradingState.REDUCING, 42.0, 900.0)
                    .processState(BOT, T0 + 3000, ProcessState.RUNNING, 1)
                    .ticks(BOT, T0 + 2000, T0 + 299_000);
            policy.snapshots();

            policy.tick(BOT, T0 + 300_000);

            List<Snapshot> snapshots = policy.snapshots();
            assertThat(snapshots).singleElement().satisfies(s -> {
                assertThat(s.getTradingState()).isEqualTo(TradingState.REDUCING);
                assertThat(s.getProcessState()).isEqualTo(ProcessState.RUNNING);
                assertThat(s.getHeartbeatAgeMs()).isEqualTo(299_000L);
                assertThat(s.getEquity()).isEqualTo(10_000.0);
                assertThat(s.getRealizedPnlToday()).isEqualTo(42.0);
                assertThat(s.getUnrealizedPnl()).isEqualTo(-5.0);
                assertThat(s.getGrossExposure()).isEqualTo(900.0);
                assertThat(s.getNetExposure()).isEqualTo(450.0);
                assertThat(s.getRiskMultiplier()).isEqualTo(0.5);
                assertThat(s.getOpenOrders()).isEqualTo(2);
                assertThat(s.getMode()).isEqualTo("paper");
                assertThat(s.getRestartsInWindow()).isEqualTo(3);
                assertThat(s.getOpenAlerts()).containsExactly("HEARTBEAT_STALE");
            });
        }
    }

    @Test
    @DisplayName("an older risk state arriving after a newer one does not overwrite it")
    void olderRiskStateIgnored() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.riskState(BOT, T0, 8, TradingState.HALTED, 1.0, 1.0)
                    .riskState(BOT, T0 + 1, 7, TradingState.ACTIVE, 2.0, 2.0)
                    .tick(BOT, T0 + 1000);

            assertThat(policy.snapshots()).singleElement()
                    .satisfies(s -> assertThat(s.getTradingState()).isEqualTo(TradingState.HALTED));
        }
    }

    @Test
    @DisplayName("without risk state the snapshot falls back to the heartbeat's equity and PnL")
    void heartbeatFallback() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0 + 1000);

            assertThat(policy.snapshots()).singleElement().satisfies(s -> {
                assertThat(s.getTradingState()).isEqualTo(TradingState.ACTIVE);
                assertThat(s.getEquity()).isEqualTo(1000.0);
                assertThat(s.getRealizedPnlToday()).isEqualTo(12.5);
                assertThat(s.getHeartbeatAgeMs()).isZero();
            });
        }
    }
}
