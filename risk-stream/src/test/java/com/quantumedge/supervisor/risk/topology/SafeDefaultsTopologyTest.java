package com.quantumedge.supervisor.risk.topology;

import static com.quantumedge.supervisor.risk.Inputs.T0;
import static com.quantumedge.supervisor.risk.Inputs.command;
import static com.quantumedge.supervisor.risk.Inputs.execution;
import static com.quantumedge.supervisor.risk.Inputs.fill;
import static com.quantumedge.supervisor.risk.Inputs.heartbeat;
import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static com.quantumedge.supervisor.risk.Inputs.limitSell;
import static com.quantumedge.supervisor.risk.Inputs.limits;
import static com.quantumedge.supervisor.risk.Inputs.mark;
import static com.quantumedge.supervisor.risk.Inputs.order;
import static com.quantumedge.supervisor.risk.Inputs.symbolLimits;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.schemas.limits.LimitCheck;

/**
 * A fresh install is protected: with nothing published on the limits topic every check that can be
 * switched off is on at its built-in default, the equity-relative ones follow the equity the bot
 * reports, absolute limits replace them, an unknown equity fails closed, and only an explicit
 * {@code disabled_checks} entry switches a check off.
 */
class SafeDefaultsTopologyTest {

    private static final String BOT = "bot-1";
    private static final String BTC = "BTCUSDT";
    private static final String ETH = "ETHUSDT";
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    @DisplayName("with no limits published at all, an order for 1e9 ETHUSDT at 3,000 is denied, with or without a known equity")
    void absurdOrderDeniedWithoutAnyLimits() {
        try (RiskDriver driver = new RiskDriver()) {
            OrderDecision unknownEquity = driver.check(limitBuy(BOT, T0, ETH, 1e9, 3_000));
            driver.pipe(heartbeat(BOT, T0 + 1, 10_000.0));
            OrderDecision knownEquity = driver.check(limitBuy(BOT, T0 + 2, ETH, 1e9, 3_000));

            for (OrderDecision d : List.of(unknownEquity, knownEquity)) {
                assertThat(d.getAllowed()).isFalse();
                assertThat(d.getCode()).isEqualTo(DecisionCode.QTY_EXCEEDS_MAX);
                assertThat(d.getLimit()).isEqualTo(1_000_000.0);
            }
        }
    }

    @Test
    @DisplayName("with no limits published, an order below the quantity backstop but worth 30x equity is denied by the notional share")
    void largeOrderDeniedByNotionalShare() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat(BOT, T0, 10_000.0));

            OrderDecision d = driver.check(limitBuy(BOT, T0 + 1, ETH, 100, 3_000));

            assertThat(d.getCode()).isEqualTo(DecisionCode.NOTIONAL_EXCEEDS_MAX);
            assertThat(d.getLimit()).isEqualTo(2_500.0);
            assertThat(d.getReason()).contains("25.0% of equity 10000.0");
        }
    }

    static Stream<Arguments> equities() {
        return Stream.of(
                Arguments.of(10_000.0, DecisionCode.NOTIONAL_EXCEEDS_MAX, 2_500.0),
                Arguments.of(11_999.0, DecisionCode.NOTIONAL_EXCEEDS_MAX, 2_999.75),
                Arguments.of(12_000.0, DecisionCode.OK, Double.NaN),
                Arguments.of(100_000.0, DecisionCode.OK, Double.NaN));
    }

    @ParameterizedTest(name = "equity {0}: {1}")
    @MethodSource("equities")
    @DisplayName("the notional share scales with the equity of the latest heartbeat: 3,000 needs 12,000 of equity at 25%")
    void relativeLimitScalesWithEquity(double equity, DecisionCode expected, double limit) {
        try (RiskDriver driver = new RiskDriver()) {
            // Equity grows to the row's (a fall would be a daily loss and halt the bot): the latest heartbeat's counts.
            driver.pipe(heartbeat(BOT, T0, 5_000.0)).pipe(heartbeat(BOT, T0 + 1, equity));

            OrderDecision d = driver.check(limitBuy(BOT, T0 + 2, ETH, 1, 3_000));

            assertThat(d.getCode()).as(d.getReason()).isEqualTo(expected);
            if (!Double.isNaN(limit)) {
                assertThat(d.getLimit()).isEqualTo(limit);
            }
        }
    }

    @Test
    @DisplayName("the exposure multiples scale with equity too: 2x equity per symbol, 3x over all symbols")
    void exposureMultiplesScaleWithEquity() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat(BOT, T0, 10_000.0)).pipe(fill(BOT, T0 + 1, ETH, Side.BUY, 6, 3_000));
            assertThat(driver.check(limitBuy(BOT, T0 + 2, ETH, 0.8, 3_000)).getCode()).isEqualTo(DecisionCode.SYMBOL_EXPOSURE_EXCEEDS_MAX);

            driver.pipe(heartbeat(BOT, T0 + 3, 20_000.0));
            assertThat(driver.check(limitBuy(BOT, T0 + 4, ETH, 0.8, 3_000)).getCode()).isEqualTo(DecisionCode.OK);
        }
    }

    static Stream<Arguments> absolutes() {
        return Stream.of(
                Arguments.of("bot max_order_notional above the share allows", limits(BOT).setMaxOrderNotional(5_000.0), DecisionCode.OK),
                Arguments.of("bot max_order_notional below the share denies", limits(BOT).setMaxOrderNotional(1_000.0), DecisionCode.NOTIONAL_EXCEEDS_MAX),
                Arguments.of("defaults max_order_notional applies to the bot", limits("*").setMaxOrderNotional(5_000.0), DecisionCode.OK),
                Arguments.of("a symbol's max_order_notional replaces the share for that symbol",
                        limits(BOT).setSymbols(Map.of(ETH, symbolLimits(null, 5_000.0, null, null))), DecisionCode.OK),
                Arguments.of("another symbol's max_order_notional does not",
                        limits(BOT).setSymbols(Map.of(BTC, symbolLimits(null, 5_000.0, null, null))), DecisionCode.NOTIONAL_EXCEEDS_MAX),
                Arguments.of("an absolute limit replaces even a bot's own share",
                        limits(BOT).setMaxOrderNotionalPctEquity(1.0).setMaxOrderNotional(5_000.0), DecisionCode.OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absolutes")
    @DisplayName("an absolute limit, where set, replaces the equity-relative one (a 3,000 order, equity 10,000, share 2,500)")
    void absoluteOverridesRelative(String title, RiskLimits.Builder limits, DecisionCode expected) {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits.build()).pipe(heartbeat(BOT, T0, 10_000.0));

            assertThat(driver.check(limitBuy(BOT, T0 + 1, ETH, 1, 3_000)).getCode()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("unknown equity: an order that opens a position is denied with EQUITY_UNKNOWN")
    void unknownEquityDeniesEntries() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat(BOT, T0, null, mark(ETH, 0, 3_000)));

            OrderDecision d = driver.check(limitBuy(BOT, T0 + 1, ETH, 0.1, 3_000));

            assertThat(d.getCode()).isEqualTo(DecisionCode.EQUITY_UNKNOWN);
            assertThat(d.getAllowed()).isFalse();
            assertThat(d.getCheck()).isEqualTo("EquityUnknownCheck");
        }
    }

    @Test
    @DisplayName("unknown equity: a reduce-only order and a plain closing order still pass, an order that grows the position does not")
    void unknownEquityLetsClosingOrdersPass() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(fill(BOT, T0, ETH, Side.BUY, 1, 3_000));

            OrderDecision reduceOnly = driver.check(order(BOT, T0 + 1, ETH, Side.SELL, 0.5, 3_000.0).setIsReduceOnly(true).build());
            OrderDecision closing = driver.check(limitSell(BOT, T0 + 2, ETH, 0.2, 3_000));
            OrderDecision growing = driver.check(limitBuy(BOT, T0 + 3, ETH, 0.2, 3_000));

            assertThat(reduceOnly.getCode()).isEqualTo(DecisionCode.OK);
            assertThat(closing.getCode()).isEqualTo(DecisionCode.OK);
            assertThat(growing.getCode()).isEqualTo(DecisionCode.EQUITY_UNKNOWN);
        }
    }

    @Test
    @DisplayName("unknown equity: a bot whose limits are all absolute does not need its equity")
    void absoluteLimitsDoNotNeedEquity() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setMaxOrderNotional(5_000.0).setMaxSymbolExposure(10_000.0)
                    .setMaxGrossExposure(20_000.0).setMaxDailyLoss(1_000.0).build());

            assertThat(driver.check(limitBuy(BOT, T0, ETH, 1, 3_000)).getCode()).isEqualTo(DecisionCode.OK);
        }
    }

    @Test
    @DisplayName("a check listed in disabled_checks is off, for that bot only")
    void disabledCheckIsOff() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits(BOT).setDisabledChecks(List.of("NOTIONAL_EXCEEDS_MAX")).build());
            driver.pipe(heartbeat(BOT, T0, 10_000.0)).pipe(heartbeat("bot-2", T0, 10_000.0));

            assertThat(driver.check(limitBuy(BOT, T0 + 1, ETH, 1, 3_000)).getCode()).isEqualTo(DecisionCode.OK);
            assertThat(driver.check(limitBuy("bot-2", T0 + 1, ETH, 1, 3_000)).getCode()).isEqualTo(DecisionCode.NOTIONAL_EXCEEDS_MAX);
        }
    }

    @Test
    @DisplayName("EQUITY_UNKNOWN in the defaults' disabled_checks lets a bot without equity trade; an empty list of its own switches it back on")
    void disabledEquityCheck() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits("*").setDisabledChecks(List.of("EQUITY_UNKNOWN")).build());
            driver.pipe(limits("bot-strict").setDisabledChecks(List.of()).build());

            assertThat(driver.check(limitBuy(BOT, T0, ETH, 1, 3_000)).getCode()).isEqualTo(DecisionCode.OK);
            assertThat(driver.check(limitBuy("bot-strict", T0, ETH, 1, 3_000)).getCode()).isEqualTo(DecisionCode.EQUITY_UNKNOWN);
        }
    }

    /** One row of the defaults table: what happens before the order, the order, and the built-in limit it meets. */
    record DefaultRow(DecisionCode code, List<Object> setup, OrderRequest order, double limit) {
    }

    static Stream<Arguments> defaults() {
        long t = T0;
        return Stream.of(
                row(DecisionCode.QTY_EXCEEDS_MAX, List.of(heartbeat(BOT, t, 1e12)), limitBuy(BOT, t + 1, "PEPEUSDT", 1_000_001, 0.00001), 1_000_000),
                row(DecisionCode.NOTIONAL_EXCEEDS_MAX, List.of(heartbeat(BOT, t, 10_000.0)), limitBuy(BOT, t + 1, ETH, 0.84, 3_000), 2_500),
                row(DecisionCode.LEVERAGE_EXCEEDS_MAX, List.of(heartbeat(BOT, t, 10_000.0)),
                        order(BOT, t + 1, ETH, Side.BUY, 0.1, 3_000.0).setLeverage(5.5).build(), 5),
                row(DecisionCode.SYMBOL_EXPOSURE_EXCEEDS_MAX, List.of(heartbeat(BOT, t, 10_000.0), fill(BOT, t + 1, ETH, Side.BUY, 6, 3_000)),
                        limitBuy(BOT, t + 2, ETH, 0.7, 3_000), 20_000),
                row(DecisionCode.GROSS_EXPOSURE_EXCEEDS_MAX, List.of(heartbeat(BOT, t, 10_000.0),
                        fill(BOT, t + 1, BTC, Side.BUY, 0.3, 60_000), fill(BOT, t + 2, ETH, Side.BUY, 4, 3_000)),
                        limitBuy(BOT, t + 3, ETH, 0.1, 3_000), 30_000),
                row(DecisionCode.OPEN_ORDERS_EXCEEDS_MAX, openOrders(t, 50), limitBuy(BOT, t + 100, ETH, 0.01, 3_000), 50),
                row(DecisionCode.SUBMIT_RATE_EXCEEDED, cancelledOrders(t, 100), limitBuy(BOT, t + 999, ETH, 0.01, 3_000), 100),
                row(DecisionCode.PRICE_OUT_OF_COLLAR, List.of(heartbeat(BOT, t, 10_000.0, mark(ETH, 0, 3_000))),
                        limitBuy(BOT, t + 1, ETH, 0.1, 3_310), 10),
                row(DecisionCode.DAILY_LOSS_LIMIT, List.of(heartbeat(BOT, t, 10_000.0), heartbeat(BOT, t + 1, 9_500.0),
                        command(BOT, t + 2, CommandType.RESUME)), limitBuy(BOT, t + 3, ETH, 0.1, 3_000), 500),
                // Losing under 5% a day for four days: the drawdown from the peak reaches 15% before any day's loss does.
                row(DecisionCode.DRAWDOWN_LIMIT, List.of(heartbeat(BOT, t, 10_000.0), heartbeat(BOT, t + 1, 9_600.0),
                        heartbeat(BOT, t + DAY, 9_200.0), heartbeat(BOT, t + 2 * DAY, 8_800.0), heartbeat(BOT, t + 3 * DAY, 8_450.0),
                        command(BOT, t + 3 * DAY + 1, CommandType.RESUME)), limitBuy(BOT, t + 3 * DAY + 2, ETH, 0.1, 3_000), 15),
                row(DecisionCode.EQUITY_UNKNOWN, List.of(), limitBuy(BOT, t, ETH, 0.1, 3_000), Double.NaN));
    }

    private static Arguments row(DecisionCode code, List<Object> setup, OrderRequest order, double limit) {
        return Arguments.of(code, new DefaultRow(code, setup, order, limit));
    }

    private static List<Object> openOrders(long t, int count) {
        List<Object> inputs = new ArrayList<>();
        inputs.add(heartbeat(BOT, t, 100_000.0));
        for (int i = 0; i < count; i++) {
            inputs.add(limitBuy(BOT, t + 1 + i, ETH, 0.01, 3_000));
        }
        return inputs;
    }

    /** Orders each cancelled at once, so they count against the submit rate but not as open orders. */
    private static List<Object> cancelledOrders(long t, int count) {
        List<Object> inputs = new ArrayList<>();
        inputs.add(heartbeat(BOT, t, 100_000.0));
        for (int i = 0; i < count; i++) {
            OrderRequest r = limitBuy(BOT, t + 1 + i, ETH, 0.01, 3_000);
            inputs.add(r);
            inputs.add(execution(BOT, t + 1 + i, ExecType.CANCEL, ETH, Side.BUY, 0.01, null, null, r.getCorrelationId()));
        }
        return inputs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    @DisplayName("with nothing published, each check denies at its built-in default")
    void builtinDefaultOfEachCheck(DecisionCode code, DefaultRow row) {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipeAll(row.setup());

            OrderDecision d = driver.check(row.order());

            assertThat(d.getCode()).as(d.getReason()).isEqualTo(row.code());
            if (!Double.isNaN(row.limit())) {
                assertThat(d.getLimit()).isEqualTo(row.limit());
            }
        }
    }

    @Test
    @DisplayName("the defaults table covers every check that can be switched off")
    void tableCoversEveryCheck() {
        assertThat(defaults().map(a -> a.get()[0])).containsExactlyInAnyOrder(
                Stream.of(LimitCheck.values()).map(LimitCheck::code).toArray());
    }
}
