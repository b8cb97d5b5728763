package com.quantumedge.supervisor.risk.topology;

import static com.quantumedge.supervisor.risk.Inputs.T0;
import static com.quantumedge.supervisor.risk.Inputs.command;
import static com.quantumedge.supervisor.risk.Inputs.fill;
import static com.quantumedge.supervisor.risk.Inputs.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;

/** RETIRE: a bot that no longer exists leaves the risk engine and its compacted topics. */
class RetireTopologyTest {

    private static final String BOT = "bot-retired";

    @Test
    @DisplayName("RETIRE tombstones the bot's risk state and own limits and audits it as OPERATOR_COMMAND_APPLIED")
    void retireWritesTombstones() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat(BOT, T0, 10_000.0)).pipe(command(BOT, T0 + 1, CommandType.HALT));
            driver.stateRecords();
            driver.events();
            OperatorCommand retire = command(BOT, T0 + 2, CommandType.RETIRE);

            driver.pipe(retire);

            List<TestRecord<String, RiskState>> states = driver.stateRecords();
            assertThat(states).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(BOT);
                assertThat(r.value()).isNull();
            });
            assertThat(driver.limitsWritten()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(BOT);
                assertThat(r.value()).isNull();
            });
            List<SupervisorEvent> events = driver.events();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.OPERATOR_COMMAND_APPLIED);
                assertThat(e.getCorrelationId()).isEqualTo(retire.getCommandId());
                assertThat(e.getAttributes()).containsEntry("command_type", "RETIRE").containsEntry("issued_by", "operator-alice");
            });
        }
    }

    @Test
    @DisplayName("after RETIRE the bot's book is gone: the same id starting again begins ACTIVE and flat, not halted with old positions")
    void retireDropsTheBook() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat(BOT, T0, 10_000.0)).pipe(fill(BOT, T0 + 1, "BTCUSDT", Side.BUY, 0.5, 60_000))
                    .pipe(command(BOT, T0 + 2, CommandType.HALT));
            assertThat(driver.latestState(BOT).getTradingState()).isEqualTo(TradingState.HALTED);

            driver.pipe(command(BOT, T0 + 3, CommandType.RETIRE));
            driver.stateRecords();
            driver.pipe(heartbeat(BOT, T0 + 4, 10_000.0));

            RiskState fresh = driver.latestState(BOT);
            assertThat(fresh.getTradingState()).isEqualTo(TradingState.ACTIVE);
            assertThat(fresh.getPositions()).isEmpty();
        }
    }

    @Test
    @DisplayName("RETIRE leaves other bots alone")
    void retireIsPerBot() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat("other", T0, 5_000.0)).pipe(command("other", T0 + 1, CommandType.HALT));
            driver.pipe(command(BOT, T0 + 2, CommandType.RETIRE));
            driver.pipe(heartbeat("other", T0 + 3, 5_000.0));

            assertThat(driver.latestState("other").getTradingState()).isEqualTo(TradingState.HALTED);
        }
    }
}
