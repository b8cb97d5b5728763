package com.quantumedge.supervisor.bench.risk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;
import com.quantumedge.supervisor.risk.service.MicrometerRiskMetrics;
import com.quantumedge.supervisor.risk.topology.RiskProcessorRig;
import com.quantumedge.supervisor.risk.topology.TopologySettings;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One pre-trade order check through risk-stream's processor ({@link RiskProcessorRig}): decode the
 * request, limits lookup, the 16 checks, reservation, the bot's state written to its store with the
 * store's serde, and the decision encoded as the topology's sink encodes it; Micrometer meters as in the
 * service. The bot has three positions and about five open reservations (they expire after 5 s of event
 * time, one request per second), defaults plus a bot limits record with a symbol override, every check
 * enabled and generous, so every order is allowed, as in the end-to-end benchmark.
 * Run with {@code -prof gc} for bytes allocated per check; {@code run-order-check.sh} also runs it against
 * a baseline build of risk-stream in the same session.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OrderCheckBenchmark {

    static final RiskProcessorRig.Sink IGNORE = (topic, value) -> { };
    static final String BOT = "bench-bot";
    static final long T0 = 1_764_000_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);
    static final BookSettings BOOK = new BookSettings(Duration.ofSeconds(5), MismatchPolicy.TRUST_FILLS, 1e-9,
            BookSettings.DEFAULTS.tradingDayZone());

    private RiskProcessorRig rig;
    private OrderCheckRequests requests;
    private long outputBytes;
    private final RiskProcessorRig.Sink countBytes = (topic, value) -> outputBytes += value.length;

    @Setup
    public void setUp() {
        rig = new RiskProcessorRig(new TopologySettings(BOOK, Duration.ofSeconds(1), Duration.ofDays(7), CLOCK,
                new MicrometerRiskMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))));
        prepareBot(rig, BOT, T0);
        requests = new OrderCheckRequests(BOT, T0 + 1_000, 64, 42);
        requireAllowed(64);
    }

    @Benchmark
    public long orderCheck() {
        long ts = requests.nextTsMs();
        rig.process(Topics.ORDER_REQUESTS, 0, BOT, requests.next(), ts, countBytes);
        return outputBytes;
    }

    /** Limits (defaults and the bot's record, every check on), three positions from fills, equity and marks. */
    static void prepareBot(RiskProcessorRig rig, String bot, long ts) {
        rig.putLimits(Topics.DEFAULT_LIMITS_KEY, encode(Topics.RISK_LIMITS, limits(Topics.DEFAULT_LIMITS_KEY, ts, Map.of())));
        rig.putLimits(bot, encode(Topics.RISK_LIMITS, limits(bot, ts, Map.of("ETHUSDT", new SymbolLimits(500.0, null, null, 5.0)))));
        double[] quantities = {1.5, -4.0, 4.5};
        List<PositionReport> marks = new ArrayList<>();
        for (int i = 0; i < OrderCheckRequests.SYMBOLS.length; i++) {
            String symbol = OrderCheckRequests.SYMBOLS[i];
            double qty = quantities[i];
            rig.process(Topics.EXECUTIONS, 0, bot, encode(Topics.EXECUTIONS, Execution.newBuilder()
                    .setEventId(UUID.nameUUIDFromBytes((bot + "|fill|" + i).getBytes(StandardCharsets.UTF_8)).toString()).setBotId(bot)
                    .setTsMs(ts).setExecId("bench-fill-" + i).setExecType(ExecType.FILL).setSymbol(symbol)
                    .setSide(qty > 0 ? Side.BUY : Side.SELL).setQty(Math.abs(qty)).setPrice(OrderCheckRequests.PRICES[i])
                    .setFee(0).build()), ts, IGNORE);
            marks.add(new PositionReport(symbol, qty, null, OrderCheckRequests.PRICES[i] * 1.001));
        }
        rig.process(Topics.HEARTBEATS, 0, bot, encode(Topics.HEARTBEATS, Heartbeat.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((bot + "|heartbeat").getBytes(StandardCharsets.UTF_8)).toString()).setBotId(bot).setTsMs(ts)
                .setEquity(250_000.0).setPositions(marks).build()), ts, IGNORE);
    }

    static <V> byte[] encode(TopicSpec<V> topic, V value) {
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    static RiskLimits limits(String key, long ts, Map<String, SymbolLimits> symbols) {
        return RiskLimits.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("limits|" + key).getBytes(StandardCharsets.UTF_8)).toString()).setBotId(key).setTsMs(ts)
                .setVersion(1).setUpdatedBy("bench")
                .setMaxOrderQty(100.0).setMaxOrderNotional(1_000_000.0).setMaxLeverage(20.0)
                .setMaxSymbolExposure(10_000_000.0).setMaxGrossExposure(20_000_000.0).setMaxOpenOrders(50)
                .setMaxSubmitsPerWindow(100).setSubmitWindowMs(1_000L).setPriceCollarPct(10.0)
                // Marks are set once; event time runs on by a second per request.
                .setMaxPriceAgeMs(Duration.ofDays(3650).toMillis())
                .setMaxDailyLoss(100_000.0).setMaxDrawdownPct(50.0)
                .setSymbols(symbols)
                .build();
    }

    /** Runs {@code n} checks and fails unless each was answered once and allowed (the measured path). */
    private void requireAllowed(int n) {
        long firstTs = requests.nextTsMs();
        List<OrderDecision> decisions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = requests.nextTsMs();
            rig.process(Topics.ORDER_REQUESTS, 0, BOT, requests.next(), ts, (topic, value) -> {
                if (topic.equals(Topics.ORDER_DECISIONS.name())) {
                    decisions.add(Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(topic, value));
                }
            });
        }
        if (decisions.size() != n) {
            throw new IllegalStateException("expected " + n + " decisions, got " + decisions.size());
        }
        for (int i = 0; i < n; i++) {
            OrderDecision d = decisions.get(i);
            if (d.getCode() != DecisionCode.OK || d.getRequestTsMs() != firstTs + i * OrderCheckRequests.STEP_MS) {
                throw new IllegalStateException("expected OK at " + (firstTs + i * OrderCheckRequests.STEP_MS) + ", got " + d);
            }
        }
    }
}
