package com.quantumedge.supervisor.bench.risk;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.risk.checks.RiskEngine;
import com.quantumedge.supervisor.risk.checks.Verdict;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.risk.account.PositionAccounting;
import com.quantumedge.supervisor.risk.account.Reservation;
import com.quantumedge.supervisor.schemas.GeneratedClasses;

/**
 * Throughput of the in-process rule engine on one core: every check enabled, a bot with three
 * open positions, five open orders and recent submits. Baseline: the original system's check
 * (per-order notional and leverage only) on the same requests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class RuleEngineBenchmark {

    private static final long NOW = 1_764_000_000_000L;

    private RiskEngine engine;
    private BotRiskState state;
    private EffectiveLimits limits;
    private OrderRequest[] requests;
    private int next;

    @Setup
    public void setUp() {
        GeneratedClasses.trust();
        engine = new RiskEngine();
        RiskLimits bot = RiskLimits.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId("bench").setTsMs(NOW).setVersion(1).setUpdatedBy("bench")
                .setMaxOrderQty(100.0).setMaxOrderNotional(500_000.0).setMaxLeverage(20.0).setMaxSymbolExposure(2_000_000.0)
                .setMaxGrossExposure(5_000_000.0).setMaxOpenOrders(50).setMaxSubmitsPerWindow(100).setSubmitWindowMs(1_000L)
                .setPriceCollarPct(10.0).setMaxPriceAgeMs(60_000L).setMaxDailyLoss(10_000.0).setMaxDrawdownPct(20.0)
                .setSymbols(Map.of("ETHUSDT", new SymbolLimits(500.0, null, null, 5.0)))
                .build();
        limits = EffectiveLimits.resolve(null, bot);
        state = new BotRiskState("bench");
        state.startTradingDay(20_000);
        state.equity(250_000);
        String[] symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
        double[] prices = {60_000, 3_000, 150};
        for (int i = 0; i < symbols.length; i++) {
            PositionAccounting.applyFill(state.positionOrCreate(symbols[i]), i % 2 == 0 ? 1.5 * (i + 1) : -2.0 * (i + 1), prices[i]);
            state.positionOrCreate(symbols[i]).markPrice(prices[i] * 1.001, NOW - 500);
        }
        for (int i = 0; i < 5; i++) {
            state.reserve(new Reservation("o-" + i, "c-" + i, symbols[i % 3], i % 2 == 0 ? 0.1 : -0.1, prices[i % 3], NOW - 100));
        }
        for (int i = 0; i < 20; i++) {
            state.submitTimes().add(NOW - 900 + i * 10);
        }
        requests = new OrderRequest[64];
        for (int i = 0; i < requests.length; i++) {
            int s = i % 3;
            boolean market = i % 4 == 0;
            requests[i] = OrderRequest.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setBotId("bench").setTsMs(NOW)
                    .setCorrelationId(UUID.randomUUID().toString()).setSymbol(symbols[s])
                    .setSide(i % 2 == 0 ? Side.BUY : Side.SELL).setOrderType(market ? OrderType.MARKET : OrderType.LIMIT)
                    .setQuantity(0.01 * (1 + i % 7)).setPrice(market ? null : prices[s] * (1 + (i % 5 - 2) * 0.001))
                    .setLeverage(i % 3 == 0 ? 5.0 : null)
                    .build();
        }
    }

    private OrderRequest nextRequest() {
        OrderRequest r = requests[next];
        next = (next + 1) & (requests.length - 1);
        return r;
    }

    @Benchmark
    public Verdict fullRuleEngine() {
        return engine.evaluate(nextRequest(), state, limits);
    }

    /** What the original Python RiskEngine checked: halted flag, per-order notional and leverage. */
    @Benchmark
    public boolean baselineNotionalAndLeverageOnly() {
        OrderRequest r = nextRequest();
        if (state.tradingState() != com.quantumedge.supervisor.avro.TradingState.ACTIVE) {
            return false;
        }
        double price = r.getPrice() != null ? r.getPrice() : state.position(r.getSymbol()).lastPrice();
        double notional = r.getQuantity() * price;
        Double leverage = r.getLeverage();
        return notional <= limits.forSymbol(r.getSymbol()).maxOrderNotional() * state.riskMultiplier()
                && (leverage == null || leverage <= limits.maxLeverage());
    }
}
