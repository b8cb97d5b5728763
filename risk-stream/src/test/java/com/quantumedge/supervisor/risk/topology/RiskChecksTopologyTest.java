package com.quantumedge.supervisor.risk.topology;

import static com.quantumedge.supervisor.risk.Inputs.T0;
import static com.quantumedge.supervisor.risk.Inputs.command;
import static com.quantumedge.supervisor.risk.Inputs.execution;
import static com.quantumedge.supervisor.risk.Inputs.fill;
import static com.quantumedge.supervisor.risk.Inputs.funded;
import static com.quantumedge.supervisor.risk.Inputs.heartbeat;
import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static com.quantumedge.supervisor.risk.Inputs.limitSell;
import static com.quantumedge.supervisor.risk.Inputs.limits;
import static com.quantumedge.supervisor.risk.Inputs.mark;
import static com.quantumedge.supervisor.risk.Inputs.order;
import static com.quantumedge.supervisor.risk.Inputs.symbolLimits;
import static org.assertj.core.api.Assertions.assertThat;

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
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.risk.checks.RiskEngine;

/**
 * Every pre-trade check through the topology, table-driven: for each check a row where it denies
 * (with its own code) and a row just inside its limit where the order passes. A row whose setup
 * reports no equity runs for a bot funded with {@link com.quantumedge.supervisor.risk.Inputs#FUNDED_EQUITY},
 * so the built-in equity-relative limits and the unknown-equity check stay out of the way of the
 * check under test; {@code SafeDefaultsTopologyTest} covers those.
 */
class RiskChecksTopologyTest {

    private static final String BOT = "bot-1";
    private static final String BTC = "BTCUSDT";
    private static final String ETH = "ETHUSDT";

    /** One row: limits for the bot, inputs before the check, the order, and the expected code. */
    record Row(RiskLimits limits, List<Object> setup, OrderRequest order, DecisionCode expected) {
    }

    private static Row row(RiskLimits.Builder limits, List<Object> setup, OrderRequest order, DecisionCode expected) {
        return new Row(limits == null ? null : limits.build(), setup, order, expected);
    }

    private static RiskLimits.Builder bot() {
        return limits(BOT);
    }

    private static Arguments a(String name, Row row) {
        return Arguments.of(name, row);
    }

    static Stream<Arguments> rows() {
        long t = T0;
        return Stream.of(
                a("a plain limit order within every limit is allowed", row(bot().setMaxOrderNotional(10_000.0), List.of(),
                        limitBuy(BOT, t, BTC, 0.1, 60_000), DecisionCode.OK)),
                a("INVALID_ORDER: a zero quantity is rejected", row(null, List.of(),
                        limitBuy(BOT, t, BTC, 0, 60_000), DecisionCode.INVALID_ORDER)),
                a("INVALID_ORDER: a limit order without a price is rejected", row(null, List.of(),
                        order(BOT, t, BTC, Side.BUY, 1, null).setOrderType(OrderType.LIMIT).build(), DecisionCode.INVALID_ORDER)),
                a("TRADING_HALTED: a halted bot gets nothing through", row(null,
                        List.of(command(BOT, t, CommandType.HALT)),
                        limitBuy(BOT, t + 1, BTC, 0.1, 60_000), DecisionCode.TRADING_HALTED)),
                a("TRADING_HALTED: even an order that reduces the position is denied", row(null,
                        List.of(fill(BOT, t, BTC, Side.BUY, 1, 60_000), command(BOT, t + 1, CommandType.HALT)),
                        limitSell(BOT, t + 2, BTC, 0.5, 60_000), DecisionCode.TRADING_HALTED)),
                a("DAILY_LOSS_LIMIT: a resumed bot still beyond its daily loss is denied (and halted again)",
                        row(bot().setMaxDailyLoss(100.0), List.of(heartbeat(BOT, t, 1_000.0), heartbeat(BOT, t + 1, 850.0),
                                command(BOT, t + 2, CommandType.RESUME)),
                                limitBuy(BOT, t + 3, BTC, 0.001, 60_000), DecisionCode.DAILY_LOSS_LIMIT)),
                a("DAILY_LOSS_LIMIT: a loss below the limit passes", row(bot().setMaxDailyLoss(100.0),
                        List.of(heartbeat(BOT, t, 1_000.0), heartbeat(BOT, t + 1, 950.0)),
                        limitBuy(BOT, t + 3, BTC, 0.001, 60_000), DecisionCode.OK)),
                a("DRAWDOWN_LIMIT: a resumed bot still beyond its drawdown is denied (daily loss limit raised so it does not halt first)",
                        row(bot().setMaxDrawdownPct(10.0).setMaxDailyLossPct(50.0),
                        List.of(heartbeat(BOT, t, 1_000.0), heartbeat(BOT, t + 1, 880.0), command(BOT, t + 2, CommandType.RESUME)),
                        limitBuy(BOT, t + 3, BTC, 0.001, 60_000), DecisionCode.DRAWDOWN_LIMIT)),
                a("REDUCING_STATE: in REDUCING an order that grows the position is denied", row(null,
                        List.of(fill(BOT, t, BTC, Side.BUY, 1, 60_000), command(BOT, t + 1, CommandType.REDUCE_ONLY)),
                        limitBuy(BOT, t + 2, BTC, 0.5, 60_000), DecisionCode.REDUCING_STATE)),
                a("REDUCING_STATE: in REDUCING an order that flips the position is denied", row(null,
                        List.of(fill(BOT, t, BTC, Side.BUY, 1, 60_000), command(BOT, t + 1, CommandType.REDUCE_ONLY)),
                        limitSell(BOT, t + 2, BTC, 1.5, 60_000), DecisionCode.REDUCING_STATE)),
                a("REDUCING_STATE: in REDUCING an order that shrinks the position passes", row(null,
                        List.of(fill(BOT, t, BTC, Side.BUY, 1, 60_000), command(BOT, t + 1, CommandType.REDUCE_ONLY)),
                        limitSell(BOT, t + 2, BTC, 1.0, 60_000), DecisionCode.OK)),
                a("ENTRIES_PAUSED: with entries paused an opening order is denied", row(null,
                        List.of(command(BOT, t, CommandType.PAUSE_ENTRIES)),
                        limitBuy(BOT, t + 1, BTC, 0.1, 60_000), DecisionCode.ENTRIES_PAUSED)),
                a("ENTRIES_PAUSED: with entries paused a closing order passes", row(null,
                        List.of(fill(BOT, t, BTC, Side.BUY, 1, 60_000), command(BOT, t + 1, CommandType.PAUSE_ENTRIES)),
                        limitSell(BOT, t + 2, BTC, 0.5, 60_000), DecisionCode.OK)),
                a("ENTRIES_PAUSED: RESUME_ENTRIES lets opening orders through again", row(null,
                        List.of(command(BOT, t, CommandType.PAUSE_ENTRIES), command(BOT, t + 1, CommandType.RESUME_ENTRIES)),
                        limitBuy(BOT, t + 2, BTC, 0.1, 60_000), DecisionCode.OK)),
                a("REDUCE_ONLY_WOULD_INCREASE: a reduce-only order on a flat position is denied", row(null, List.of(),
                        order(BOT, t, BTC, Side.BUY, 0.1, 60_000.0).setIsReduceOnly(true).build(),
                        DecisionCode.REDUCE_ONLY_WOULD_INCREASE)),
                a("REDUCE_ONLY_WOULD_INCREASE: a reduce-only order that closes the position passes", row(null,
                        List.of(fill(BOT, t, BTC, Side.BUY, 1, 60_000)),
                        order(BOT, t + 1, BTC, Side.SELL, 1, 60_000.0).setIsReduceOnly(true).build(), DecisionCode.OK)),
                a("QTY_EXCEEDS_MAX: a quantity above the symbol maximum is a fat finger", row(bot().setMaxOrderQty(1.0), List.of(),
                        limitBuy(BOT, t, BTC, 1.5, 60_000), DecisionCode.QTY_EXCEEDS_MAX)),
                a("QTY_EXCEEDS_MAX: a per-symbol override raises the maximum for that symbol", row(bot().setMaxOrderQty(1.0)
                                .setSymbols(Map.of(ETH, symbolLimits(10.0, null, null, null))), List.of(),
                        limitBuy(BOT, t, ETH, 5, 3_000), DecisionCode.OK)),
                a("MARKET_PRICE_UNAVAILABLE: a market order with no known price is denied", row(null, List.of(),
                        order(BOT, t, BTC, Side.BUY, 0.1, null).build(), DecisionCode.MARKET_PRICE_UNAVAILABLE)),
                a("MARKET_PRICE_UNAVAILABLE: a market order with a stale price is denied", row(bot().setMaxPriceAgeMs(5_000L),
                        List.of(heartbeat(BOT, t, null, mark(BTC, 0, 60_000))),
                        order(BOT, t + 6_000, BTC, Side.BUY, 0.1, null).build(), DecisionCode.MARKET_PRICE_UNAVAILABLE)),
                a("MARKET_PRICE_UNAVAILABLE: a market order with a fresh mark price passes", row(bot().setMaxPriceAgeMs(5_000L),
                        List.of(heartbeat(BOT, t, null, mark(BTC, 0, 60_000))),
                        order(BOT, t + 4_000, BTC, Side.BUY, 0.1, null).build(), DecisionCode.OK)),
                a("PRICE_OUT_OF_COLLAR: a limit price 6% from the last price breaks a 5% collar", row(bot().setPriceCollarPct(5.0),
                        List.of(heartbeat(BOT, t, null, mark(BTC, 0, 100))),
                        limitBuy(BOT, t + 1, BTC, 1, 106), DecisionCode.PRICE_OUT_OF_COLLAR)),
                a("PRICE_OUT_OF_COLLAR: a limit price 4% from the last price is inside a 5% collar", row(bot().setPriceCollarPct(5.0),
                        List.of(heartbeat(BOT, t, null, mark(BTC, 0, 100))),
                        limitBuy(BOT, t + 1, BTC, 1, 104), DecisionCode.OK)),
                a("NOTIONAL_EXCEEDS_MAX: notional above the maximum is denied", row(bot().setMaxOrderNotional(1_000.0), List.of(),
                        limitBuy(BOT, t, BTC, 1, 1_200), DecisionCode.NOTIONAL_EXCEEDS_MAX)),
                a("NOTIONAL_EXCEEDS_MAX: the risk multiplier scales the maximum down", row(bot().setMaxOrderNotional(1_000.0),
                        List.of(command(BOT, t, CommandType.SET_RISK_MULTIPLIER, Map.of("multiplier", "0.5"))),
                        limitBuy(BOT, t + 1, BTC, 1, 600), DecisionCode.NOTIONAL_EXCEEDS_MAX)),
                a("NOTIONAL_EXCEEDS_MAX: notional within the scaled maximum passes", row(bot().setMaxOrderNotional(1_000.0),
                        List.of(command(BOT, t, CommandType.SET_RISK_MULTIPLIER, Map.of("multiplier", "0.5"))),
                        limitBuy(BOT, t + 1, BTC, 1, 400), DecisionCode.OK)),
                a("LEVERAGE_EXCEEDS_MAX: an order asking for more leverage than allowed is denied", row(bot().setMaxLeverage(5.0), List.of(),
                        order(BOT, t, BTC, Side.BUY, 0.1, 60_000.0).setLeverage(10.0).build(), DecisionCode.LEVERAGE_EXCEEDS_MAX)),
                a("LEVERAGE_EXCEEDS_MAX: without a leverage field, exposure over equity is the leverage (order notional cap raised)",
                        row(bot().setMaxLeverage(2.0).setMaxOrderNotional(10_000.0),
                        List.of(heartbeat(BOT, t, 1_000.0)),
                        limitBuy(BOT, t + 1, BTC, 1, 2_500), DecisionCode.LEVERAGE_EXCEEDS_MAX)),
                a("SYMBOL_EXPOSURE_EXCEEDS_MAX: open reservations count toward the symbol's exposure", row(bot().setMaxSymbolExposure(1_000.0),
                        List.of(limitBuy(BOT, t, BTC, 6, 100)),
                        limitBuy(BOT, t + 1, BTC, 5, 100), DecisionCode.SYMBOL_EXPOSURE_EXCEEDS_MAX)),
                a("SYMBOL_EXPOSURE_EXCEEDS_MAX: an order that reduces an over-limit position still passes", row(bot().setMaxSymbolExposure(1_000.0),
                        List.of(fill(BOT, t, BTC, Side.BUY, 20, 100)),
                        limitSell(BOT, t + 1, BTC, 5, 100), DecisionCode.OK)),
                a("GROSS_EXPOSURE_EXCEEDS_MAX: exposure over all symbols after the order is capped", row(bot().setMaxGrossExposure(1_500.0),
                        List.of(fill(BOT, t, BTC, Side.BUY, 10, 100)),
                        limitBuy(BOT, t + 1, ETH, 6, 100), DecisionCode.GROSS_EXPOSURE_EXCEEDS_MAX)),
                a("GROSS_EXPOSURE_EXCEEDS_MAX: gross exposure up to the cap passes", row(bot().setMaxGrossExposure(1_500.0),
                        List.of(fill(BOT, t, BTC, Side.BUY, 10, 100)),
                        limitBuy(BOT, t + 1, ETH, 5, 100), DecisionCode.OK)),
                a("OPEN_ORDERS_EXCEEDS_MAX: a third open order over a maximum of two is denied", row(bot().setMaxOpenOrders(2),
                        List.of(limitBuy(BOT, t, BTC, 1, 100), limitBuy(BOT, t + 1, BTC, 1, 100)),
                        limitBuy(BOT, t + 2, BTC, 1, 100), DecisionCode.OPEN_ORDERS_EXCEEDS_MAX)),
                a("OPEN_ORDERS_EXCEEDS_MAX: a cancel frees a slot", row(bot().setMaxOpenOrders(2), openTwoThenCancelOne(t),
                        limitBuy(BOT, t + 3, BTC, 1, 100), DecisionCode.OK)),
                a("SUBMIT_RATE_EXCEEDED: the fourth order within the window over a rate of three is denied",
                        row(bot().setMaxSubmitsPerWindow(3).setSubmitWindowMs(1_000L),
                                List.of(limitBuy(BOT, t, BTC, 1, 100), limitBuy(BOT, t + 100, BTC, 1, 100), limitBuy(BOT, t + 200, BTC, 1, 100)),
                                limitBuy(BOT, t + 300, BTC, 1, 100), DecisionCode.SUBMIT_RATE_EXCEEDED)),
                a("SUBMIT_RATE_EXCEEDED: once the window has passed orders flow again",
                        row(bot().setMaxSubmitsPerWindow(3).setSubmitWindowMs(1_000L),
                                List.of(limitBuy(BOT, t, BTC, 1, 100), limitBuy(BOT, t + 100, BTC, 1, 100), limitBuy(BOT, t + 200, BTC, 1, 100)),
                                limitBuy(BOT, t + 1_001, BTC, 1, 100), DecisionCode.OK)));
    }

    private static List<Object> openTwoThenCancelOne(long t) {
        OrderRequest first = order(BOT, t, BTC, Side.BUY, 1, 100.0).setClientOrderId("c-1").build();
        List<Object> inputs = new ArrayList<>();
        inputs.add(first);
        inputs.add(limitBuy(BOT, t + 1, BTC, 1, 100));
        inputs.add(execution(BOT, t + 2, ExecType.CANCEL, BTC, Side.BUY, 1, null, "c-1", null));
        return inputs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("each check denies with its own code beyond its limit and lets the order pass within it")
    void checks(String name, Row row) {
        try (RiskDriver driver = new RiskDriver()) {
            if (row.limits() != null) {
                driver.pipe(row.limits());
            }
            if (row.setup().stream().noneMatch(i -> i instanceof Heartbeat h && h.getEquity() != null)) {
                driver.pipe(funded(BOT));
            }
            driver.pipeAll(row.setup());
            OrderDecision decision = driver.check(row.order());

            assertThat(decision.getCode()).as(decision.getReason()).isEqualTo(row.expected());
            assertThat(decision.getAllowed()).isEqualTo(row.expected() == DecisionCode.OK);
        }
    }

    @Test
    @DisplayName("a decision echoes the request's correlation id, is keyed by bot id and carries check, limit, value, exposure and flags")
    void decisionCarriesTheNumbers() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(bot().setMaxOrderNotional(1_000.0).build());
            driver.pipe(funded(BOT));
            driver.pipe(fill(BOT, T0, BTC, Side.BUY, 2, 100));
            driver.pipe(command(BOT, T0 + 1, CommandType.PAUSE_ENTRIES));
            driver.pipe(command(BOT, T0 + 2, CommandType.RESUME_ENTRIES));
            OrderRequest request = limitBuy(BOT, T0 + 3, BTC, 12, 100);
            driver.pipe(request);

            var record = driver.decisions().get(0);
            OrderDecision d = record.value();
            assertThat(record.key()).isEqualTo(BOT);
            assertThat(d.getCorrelationId()).isEqualTo(request.getCorrelationId());
            assertThat(d.getCode()).isEqualTo(DecisionCode.NOTIONAL_EXCEEDS_MAX);
            assertThat(d.getCheck()).isEqualTo("MaxNotionalCheck");
            assertThat(d.getLimit()).isEqualTo(1_000.0);
            assertThat(d.getValue()).isEqualTo(1_200.0);
            assertThat(d.getNotional()).isEqualTo(1_200.0);
            assertThat(d.getSymbolExposureAfter()).isEqualTo(1_400.0);
            assertThat(d.getGrossExposureAfter()).isEqualTo(1_400.0);
            assertThat(d.getTradingState()).isEqualTo(TradingState.ACTIVE);
            assertThat(d.getEntriesPaused()).isFalse();
            assertThat(d.getRiskMultiplier()).isEqualTo(1.0);
            assertThat(d.getRequestTsMs()).isEqualTo(T0 + 3);
        }
    }

    @Test
    @DisplayName("the checks run in the documented order: a halted bot's oversized order answers TRADING_HALTED")
    void documentedOrder() {
        assertThat(RiskEngine.STANDARD_ORDER).extracting(c -> c.code()).containsExactly(
                DecisionCode.INVALID_ORDER, DecisionCode.TRADING_HALTED, DecisionCode.DAILY_LOSS_LIMIT,
                DecisionCode.DRAWDOWN_LIMIT, DecisionCode.REDUCING_STATE, DecisionCode.ENTRIES_PAUSED,
                DecisionCode.REDUCE_ONLY_WOULD_INCREASE, DecisionCode.QTY_EXCEEDS_MAX,
                DecisionCode.MARKET_PRICE_UNAVAILABLE, DecisionCode.PRICE_OUT_OF_COLLAR,
                DecisionCode.EQUITY_UNKNOWN, DecisionCode.NOTIONAL_EXCEEDS_MAX, DecisionCode.LEVERAGE_EXCEEDS_MAX,
                DecisionCode.SYMBOL_EXPOSURE_EXCEEDS_MAX, DecisionCode.GROSS_EXPOSURE_EXCEEDS_MAX,
                DecisionCode.OPEN_ORDERS_EXCEEDS_MAX, DecisionCode.SUBMIT_RATE_EXCEEDED);
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(bot().setMaxOrderQty(1.0).build());
            driver.pipe(command(BOT, T0, CommandType.HALT));
            assertThat(driver.check(limitBuy(BOT, T0 + 1, BTC, 50, 100)).getCode()).isEqualTo(DecisionCode.TRADING_HALTED);
        }
    }

    @Test
    @DisplayName("defaults under key '*' apply to every bot and a bot's own record overrides them")
    void defaultsAndOverrides() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(limits("*").setMaxOrderQty(1.0).build());
            driver.pipe(limits("bot-big").setMaxOrderQty(5.0).build());
            driver.pipe(funded("bot-small"));
            driver.pipe(funded("bot-big"));

            assertThat(driver.check(limitBuy("bot-small", T0, BTC, 2, 100)).getCode()).isEqualTo(DecisionCode.QTY_EXCEEDS_MAX);
            assertThat(driver.check(limitBuy("bot-big", T0, BTC, 2, 100)).getCode()).isEqualTo(DecisionCode.OK);
        }
    }

}
