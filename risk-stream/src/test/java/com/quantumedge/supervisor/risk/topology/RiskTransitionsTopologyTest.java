package com.quantumedge.supervisor.risk.topology;

import static com.quantumedge.supervisor.risk.Inputs.T0;
import static com.quantumedge.supervisor.risk.Inputs.command;
import static com.quantumedge.supervisor.risk.Inputs.execution;
import static com.quantumedge.supervisor.risk.Inputs.fill;
import static com.quantumedge.supervisor.risk.Inputs.funded;
import static com.quantumedge.supervisor.risk.Inputs.heartbeat;
import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static com.quantumedge.supervisor.risk.Inputs.limits;
import static com.quantumedge.supervisor.risk.Inputs.mark;
import static com.quantumedge.supervisor.risk.Inputs.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/** Trading-state transitions, operator commands, reservations, executions and mismatches through the topology. */
class RiskTransitionsTopologyTest {

    private static final String BOT = "bot-1";
    private static final String BTC = "BTCUSDT";


    static Stream<Arguments> commandTransitions() {
        return Stream.of(
                Arguments.of("HALT halts an active bot", List.of(CommandType.HALT), TradingState.HALTED),
                Arguments.of("RESUME lifts a halt", List.of(CommandType.HALT, CommandType.RESUME), TradingState.ACTIVE),
                Arguments.of("REDUCE_ONLY puts the bot in REDUCING", List.of(CommandType.REDUCE_ONLY), TradingState.REDUCING),
                Arguments.of("REDUCE_ONLY on a halted bot moves it to REDUCING", List.of(CommandType.HALT, CommandType.REDUCE_ONLY),
                        TradingState.REDUCING),
                Arguments.of("RESUME ends REDUCING", List.of(CommandType.REDUCE_ONLY, CommandType.RESUME), TradingState.ACTIVE),
                Arguments.of("PAUSE_ENTRIES leaves the trading state alone", List.of(CommandType.PAUSE_ENTRIES), TradingState.ACTIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandTransitions")
    @DisplayName("operator commands move the trading state, each audited as OPERATOR_COMMAND_APPLIED")
    void operatorCommands(String name, List<CommandType> commands, TradingState expected) {
        try (RiskDriver driver = new RiskDriver()) {
            long t = T0;
            for (CommandType type : commands) {
                driver.pipe(command(BOT, t++, type));
            }
            List<SupervisorEvent> events = driver.events();
            assertThat(driver.latestState(BOT).getTradingState()).isEqualTo(expected);
            assertThat(events).filteredOn(e -> e.getEventType() == EventType.OPERATOR_COMMAND_APPLIED).hasSize(commands.size())
                    .allSatisfy(e -> assertThat(e.getAttributes()).containsEntry("issued_by", "operator-alice"));
        }
    }

    @Test
    @DisplayName("a daily-loss breach auto-halts the bot and emits RISK_BREACH and TRADING_STATE_CHANGED with the numbers")
    void dailyLossAutoHalt() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setMaxDailyLoss(100.0).build());
            driver.pipe(heartbeat(BOT, T0, 1_000.0)).pipe(heartbeat(BOT, T0 + 1_000, 880.0));

            List<SupervisorEvent> events = driver.events();
            assertThat(events).extracting(SupervisorEvent::getEventType)
                    .containsExactly(EventType.RISK_BREACH, EventType.TRADING_STATE_CHANGED);
            assertThat(events.get(0).getAttributes()).containsEntry("code", "DAILY_LOSS_LIMIT")
                    .containsEntry("limit", "100.0").containsEntry("value", "120.0");
            assertThat(events.get(1).getAttributes()).containsEntry("from", "ACTIVE").containsEntry("to", "HALTED");
            RiskState state = driver.latestState(BOT);
            assertThat(state.getTradingState()).isEqualTo(TradingState.HALTED);
            assertThat(state.getStateReason()).contains("DAILY_LOSS_LIMIT");
        }
    }

    @Test
    @DisplayName("realized losses from fills breach the daily loss limit when no equity is reported")
    void dailyLossFromFills() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setMaxDailyLoss(50.0).build());
            driver.pipe(fill(BOT, T0, BTC, Side.BUY, 1, 1_000)).pipe(fill(BOT, T0 + 1, BTC, Side.SELL, 1, 940));

            assertThat(driver.events(EventType.RISK_BREACH)).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("value", "60.0"));
        }
    }

    @Test
    @DisplayName("a drawdown breach auto-halts the bot")
    void drawdownAutoHalt() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setMaxDrawdownPct(10.0).build());
            driver.pipe(heartbeat(BOT, T0, 1_000.0)).pipe(heartbeat(BOT, T0 + 1, 1_200.0)).pipe(heartbeat(BOT, T0 + 2, 1_070.0));

            assertThat(driver.events(EventType.RISK_BREACH)).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("code", "DRAWDOWN_LIMIT"));
            assertThat(driver.latestState(BOT).getTradingState()).isEqualTo(TradingState.HALTED);
        }
    }

    @Test
    @DisplayName("recovered equity does not lift an auto-halt: only an operator command does")
    void onlyOperatorLiftsHalt() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setMaxDailyLoss(100.0).build());
            driver.pipe(heartbeat(BOT, T0, 1_000.0)).pipe(heartbeat(BOT, T0 + 1, 850.0)).pipe(heartbeat(BOT, T0 + 2, 1_000.0));
            assertThat(driver.check(limitBuy(BOT, T0 + 3, BTC, 0.01, 100)).getCode()).isEqualTo(DecisionCode.TRADING_HALTED);

            driver.pipe(command(BOT, T0 + 4, CommandType.RESUME));
            assertThat(driver.check(limitBuy(BOT, T0 + 5, BTC, 0.01, 100)).getCode()).isEqualTo(DecisionCode.OK);
        }
    }

    @Test
    @DisplayName("a new trading day lifts a daily-loss halt when configured to")
    void newDayLiftsDailyLossHalt() {
        try (RiskDriver driver = new RiskDriver()) {
            // 850 is also 15% below the peak: the drawdown limit is raised so only the daily-loss halt is in play.
            driver.pipe(limits(BOT).setMaxDailyLoss(100.0).setNewDayLiftsDailyLossHalt(true).setMaxDrawdownPct(50.0).build());
            driver.pipe(heartbeat(BOT, T0, 1_000.0)).pipe(heartbeat(BOT, T0 + 1, 850.0));
            driver.events();

            driver.pipe(heartbeat(BOT, T0 + Duration.ofDays(1).toMillis(), 850.0));

            assertThat(driver.events(EventType.TRADING_STATE_CHANGED)).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("to", "ACTIVE"));
            assertThat(driver.latestState(BOT).getTradingState()).isEqualTo(TradingState.ACTIVE);
        }
    }

    @Test
    @DisplayName("without that setting a daily-loss halt survives the new trading day")
    void newDayKeepsHaltByDefault() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setMaxDailyLoss(100.0).build());
            driver.pipe(heartbeat(BOT, T0, 1_000.0)).pipe(heartbeat(BOT, T0 + 1, 850.0));
            driver.pipe(heartbeat(BOT, T0 + Duration.ofDays(1).toMillis(), 850.0));

            assertThat(driver.latestState(BOT).getTradingState()).isEqualTo(TradingState.HALTED);
        }
    }

    @Test
    @DisplayName("SET_RISK_MULTIPLIER within (0, 1] is applied and shows in decisions and risk state")
    void multiplierApplied() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(command(BOT, T0, CommandType.SET_RISK_MULTIPLIER, Map.of("multiplier", "0.25")));

            assertThat(driver.check(limitBuy(BOT, T0 + 1, BTC, 1, 100)).getRiskMultiplier()).isEqualTo(0.25);
            assertThat(driver.events(EventType.OPERATOR_COMMAND_APPLIED)).hasSize(1);
        }
    }

    static Stream<Arguments> rejectedMultipliers() {
        return Stream.of(Arguments.of("1.5"), Arguments.of("0"), Arguments.of("-1"), Arguments.of("lots"));
    }

    @ParameterizedTest(name = "multiplier {0} is rejected")
    @MethodSource("rejectedMultipliers")
    @DisplayName("SET_RISK_MULTIPLIER outside (0, max] is rejected with OPERATOR_COMMAND_REJECTED and changes nothing")
    void multiplierRejected(String multiplier) {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(command(BOT, T0, CommandType.SET_RISK_MULTIPLIER, Map.of("multiplier", multiplier)));

            assertThat(driver.events(EventType.OPERATOR_COMMAND_REJECTED)).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains(multiplier));
            assertThat(driver.check(limitBuy(BOT, T0 + 1, BTC, 1, 100)).getRiskMultiplier()).isEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("a multiplier above 1 is accepted when the limits allow more")
    void multiplierAboveOneWhenAllowed() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setMaxRiskMultiplier(2.0).build());
            driver.pipe(command(BOT, T0, CommandType.SET_RISK_MULTIPLIER, Map.of("multiplier", "1.5")));

            assertThat(driver.check(limitBuy(BOT, T0 + 1, BTC, 1, 100)).getRiskMultiplier()).isEqualTo(1.5);
        }
    }

    @Test
    @DisplayName("a heartbeat whose positions disagree with the fills emits POSITION_MISMATCH with both, and fills stay the record")
    void mismatchTrustsFills() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(fill(BOT, T0, BTC, Side.BUY, 2, 100));
            driver.pipe(heartbeat(BOT, T0 + 1, 1_000.0, mark(BTC, 1.5, 100)));

            assertThat(driver.events(EventType.POSITION_MISMATCH)).singleElement().satisfies(e -> {
                assertThat(e.getSymbol()).isEqualTo(BTC);
                assertThat(e.getAttributes()).containsEntry("reported_qty", "1.5").containsEntry("computed_qty", "2.0")
                        .containsEntry("policy", "TRUST_FILLS");
            });
            assertThat(driver.latestState(BOT).getPositions().get(0).getQty()).isEqualTo(2.0);
        }
    }

    @Test
    @DisplayName("a persisting mismatch is reported once, not on every heartbeat")
    void mismatchReportedOnce() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(fill(BOT, T0, BTC, Side.BUY, 2, 100));
            driver.pipe(heartbeat(BOT, T0 + 1, 1_000.0, mark(BTC, 1.5, 100)));
            driver.pipe(heartbeat(BOT, T0 + 2, 1_000.0, mark(BTC, 1.5, 100)));

            assertThat(driver.events(EventType.POSITION_MISMATCH)).hasSize(1);
        }
    }

    @Test
    @DisplayName("configured to trust heartbeats, a mismatch takes the bot's reported position")
    void mismatchTrustsHeartbeat() {
        BookSettings trustBot = new BookSettings(Duration.ofMinutes(10), MismatchPolicy.TRUST_HEARTBEAT, 1e-9,
                BookSettings.DEFAULTS.tradingDayZone());
        try (RiskDriver driver = new RiskDriver(trustBot)) {
            driver.pipe(fill(BOT, T0, BTC, Side.BUY, 2, 100));
            driver.pipe(heartbeat(BOT, T0 + 1, 1_000.0, mark(BTC, 1.5, 100)));

            assertThat(driver.events(EventType.POSITION_MISMATCH)).hasSize(1);
            assertThat(driver.latestState(BOT).getPositions().get(0).getQty()).isEqualTo(1.5);
        }
    }

    @Test
    @DisplayName("the same exec_id reported twice is applied once")
    void duplicateExecIdAppliedOnce() {
        try (RiskDriver driver = new RiskDriver()) {
            Execution fill = fill(BOT, T0, BTC, Side.BUY, 1, 100);
            driver.pipe(fill).pipe(Execution.newBuilder(fill).setEventId("resent").build());

            assertThat(driver.latestState(BOT).getPositions().get(0).getQty()).isEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("an allowed order reserves its exposure; partial fills shrink the reservation and the last one releases it")
    void reservationLifecycle() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(funded(BOT));
            driver.pipe(order(BOT, T0, BTC, Side.BUY, 2, 100.0).setClientOrderId("c-7").build());
            RiskState reserved = driver.latestState(BOT);
            assertThat(reserved.getOpenReservations()).isEqualTo(1);
            assertThat(reserved.getReservedExposure()).isEqualTo(200.0);

            driver.pipe(execution(BOT, T0 + 1, ExecType.FILL, BTC, Side.BUY, 0.5, 100.0, "c-7", null));
            assertThat(driver.latestState(BOT).getReservedExposure()).isEqualTo(150.0);

            driver.pipe(execution(BOT, T0 + 2, ExecType.FILL, BTC, Side.BUY, 1.5, 100.0, "c-7", null));
            RiskState filled = driver.latestState(BOT);
            assertThat(filled.getOpenReservations()).isZero();
            assertThat(filled.getPositions().get(0).getQty()).isEqualTo(2.0);
        }
    }

    static Stream<Arguments> releasingExecutions() {
        return Stream.of(Arguments.of(ExecType.CANCEL), Arguments.of(ExecType.REJECT), Arguments.of(ExecType.EXPIRE));
    }

    @ParameterizedTest(name = "{0} releases the reservation")
    @MethodSource("releasingExecutions")
    @DisplayName("a cancel, reject or expiry releases the order's reservation, matched by correlation id when there is no client order id")
    void releasedByTerminalExecution(ExecType type) {
        try (RiskDriver driver = new RiskDriver()) {
            var request = limitBuy(BOT, T0, BTC, 2, 100);
            driver.pipe(request);
            driver.pipe(execution(BOT, T0 + 1, type, BTC, Side.BUY, 2, null, null, request.getCorrelationId()));

            assertThat(driver.latestState(BOT).getOpenReservations()).isZero();
        }
    }

    @Test
    @DisplayName("a reservation nobody ends is released after its time to live, in event time")
    void reservationExpires() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limitBuy(BOT, T0, BTC, 2, 100));
            driver.pipe(heartbeat(BOT, T0 + Duration.ofMinutes(11).toMillis(), 1_000.0));

            assertThat(driver.latestState(BOT).getOpenReservations()).isZero();
        }
    }

    @Test
    @DisplayName("fills publish the bot's risk state: positions, average price, realized PnL and exposure")
    void riskStateAfterFills() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(fill(BOT, T0, BTC, Side.BUY, 2, 100)).pipe(fill(BOT, T0 + 1, BTC, Side.SELL, 1, 110));

            RiskState state = driver.latestState(BOT);
            assertThat(state.getPositions()).singleElement().satisfies(p -> {
                assertThat(p.getQty()).isEqualTo(1.0);
                assertThat(p.getAvgPrice()).isEqualTo(100.0);
                assertThat(p.getRealizedPnl()).isEqualTo(10.0);
                assertThat(p.getExposure()).isEqualTo(110.0);
            });
            assertThat(state.getRealizedPnlToday()).isEqualTo(10.0);
            assertThat(state.getGrossExposure()).isEqualTo(110.0);
        }
    }

    @Test
    @DisplayName("an undecodable request goes to the DLQ with its reason and the next request is still answered")
    void poisonRequestDeadLettered() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(funded(BOT));
            driver.pipeRawRequest(BOT, "not avro".getBytes(StandardCharsets.UTF_8));
            var next = limitBuy(BOT, T0, BTC, 1, 100);

            assertThat(driver.check(next).getCode()).isEqualTo(DecisionCode.OK);
            var dead = driver.deadLetters();
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(BOT);
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
                assertThat(DeadLetter.header(r.headers(), DeadLetter.REASON)).isEqualTo("BAD_HEADER");
                assertThat(DeadLetter.header(r.headers(), DeadLetter.FAILED_BY)).isEqualTo("risk-stream");
                assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo("qe.order-requests.v1");
            });
        }
    }

    @Test
    @DisplayName("a record without a bot id key goes to the DLQ")
    void keylessRecordDeadLettered() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipeRawRequest(null, new byte[] {1, 2, 3});

            assertThat(driver.deadLetters()).singleElement()
                    .satisfies(r -> assertThat(DeadLetter.header(r.headers(), DeadLetter.REASON)).isEqualTo("MISSING_KEY"));
        }
    }

    @Test
    @DisplayName("a market order is valued at the last mark price from heartbeats")
    void marketOrderValuedAtMark() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat(BOT, T0, 1_000.0, mark(BTC, 0, 250)));

            assertThat(driver.check(order(BOT, T0 + 1, BTC, Side.BUY, 2, null).build()).getNotional()).isEqualTo(500.0);
        }
    }
}
