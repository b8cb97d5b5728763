package com.quantumedge.supervisor.bench.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/**
 * A fingerprint of everything the risk topology writes for a fixed, seeded mix of inputs: order checks
 * of every outcome, fills, partial fills, cancels, duplicate fills, heartbeats with mismatches and
 * equity swings that halt, operator and advisor commands, limits changes, undecodable records, day
 * rolls, wall-clock publication of risk state. Every output topic, changelogs included, is hashed
 * record by record (key, value bytes, timestamp, headers). Run it against two builds of risk-stream
 * (run-order-check.sh does) to show they write the same bytes, ids included.
 * Two things vary between runs of the same build and are normalized: event attributes (built with
 * Map.of, whose order is randomized per JVM) are hashed sorted, and the DLQ's wall-clock header is left out.
 */
public final class OrderCheckOutputDigest {

    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT"};
    private static final double[] PRICES = {60_000, 3_000, 150, 0.2};

    private final Random random;
    private final RiskTopologyRig rig;
    private final Map<String, List<String>> openOrders = new HashMap<>();
    private final List<Execution> sentFills = new ArrayList<>();
    private long ts = OrderCheckBenchmark.T0;

    private OrderCheckOutputDigest(long seed, BookSettings book) {
        this.random = new Random(seed);
        this.rig = new RiskTopologyRig(book);
    }

    public static void main(String[] args) throws Exception {
        // The undecodable inputs are on purpose: one WARN line each would drown the digests.
        ((Logger) LoggerFactory.getLogger("com.quantumedge.supervisor.risk.topology.RiskProcessor")).setLevel(Level.ERROR);
        int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        digest("defaults", 11, BookSettings.DEFAULTS, inputs);
        digest("trust-heartbeat-berlin", 12, new BookSettings(Duration.ofMinutes(2), MismatchPolicy.TRUST_HEARTBEAT, 1e-9,
                ZoneId.of("Europe/Berlin")), inputs);
    }

    private static void digest(String name, long seed, BookSettings book, int inputs) throws Exception {
        OrderCheckOutputDigest scenario = new OrderCheckOutputDigest(seed, book);
        Map<String, MessageDigest> byTopic = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Integer> decisionCodes = new TreeMap<>();
        try (RiskTopologyRig rig = scenario.rig) {
            scenario.limits();
            for (int i = 0; i < inputs; i++) {
                scenario.nextInput();
                if (i % 50 == 0) {
                    rig.advanceWallClock(Duration.ofMillis(1_100));
                }
                rig.drain((topic, record) -> {
                    hash(byTopic.computeIfAbsent(topic, t -> sha256()), topic, record);
                    counts.merge(topic, 1, Integer::sum);
                    if (topic.equals(Topics.ORDER_DECISIONS.name())) {
                        decisionCodes.merge(Topics.ORDER_DECISIONS.valueSerde().deserializer()
                                .deserialize(topic, record.value()).getCode().name(), 1, Integer::sum);
                    }
                });
            }
        }
        MessageDigest all = sha256();
        for (Map.Entry<String, MessageDigest> e : byTopic.entrySet()) {
            byte[] topicDigest = e.getValue().digest();
            all.update(topicDigest);
            System.out.printf("%s %-45s %7d records %s%n", name, e.getKey(), counts.get(e.getKey()),
                    HexFormat.of().formatHex(topicDigest, 0, 8));
        }
        System.out.printf("%s decisions by code: %s%n", name, decisionCodes);
        System.out.printf("%s digest of all outputs: %s%n", name, HexFormat.of().formatHex(all.digest()));
    }

    private static void hash(MessageDigest digest, String topic, TestRecord<String, byte[]> record) {
        digest.update(String.valueOf(record.key()).getBytes(StandardCharsets.UTF_8));
        byte[] value = record.value();
        if (value != null && topic.equals(Topics.EVENTS.name())) {
            value = withSortedAttributes(value);
        }
        digest.update(value == null ? new byte[] {-1} : value);
        digest.update(Long.toString(record.timestamp()).getBytes(StandardCharsets.UTF_8));
        for (Header header : record.headers()) {
            if (!header.key().equals(DeadLetter.TS_MS)) {
                digest.update(header.key().getBytes(StandardCharsets.UTF_8));
                digest.update(header.value() == null ? new byte[] {-1} : header.value());
            }
        }
    }

    private static byte[] withSortedAttributes(byte[] value) {
        SupervisorEvent event = Topics.EVENTS.valueSerde().deserializer().deserialize(Topics.EVENTS.name(), value);
        event.setAttributes(new LinkedHashMap<>(new TreeMap<>(event.getAttributes())));
        return Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String bot() {
        return "bot-" + random.nextInt(4);
    }

    private void limits() {
        rig.pipe(Topics.RISK_LIMITS, Topics.DEFAULT_LIMITS_KEY, limitsRecord(Topics.DEFAULT_LIMITS_KEY, 1), ts);
        for (int b = 0; b < 4; b++) {
            rig.pipe(Topics.RISK_LIMITS, "bot-" + b, limitsRecord("bot-" + b, 1), ts);
        }
    }

    private RiskLimits limitsRecord(String key, long version) {
        boolean tight = random.nextBoolean();
        return RiskLimits.newBuilder()
                .setEventId(id()).setBotId(key).setTsMs(ts).setVersion(version).setUpdatedBy("digest")
                .setMaxOrderQty(tight ? 5.0 : null).setMaxOrderNotional(tight ? 200_000.0 : 2_000_000.0)
                .setMaxLeverage(random.nextBoolean() ? 10.0 : null).setMaxSymbolExposure(tight ? 30_000.0 : null)
                .setMaxGrossExposure(tight ? 60_000.0 : 5_000_000.0).setMaxOpenOrders(tight ? 4 : 40)
                .setMaxSubmitsPerWindow(tight ? 1 : 100).setSubmitWindowMs(1_000L).setPriceCollarPct(random.nextBoolean() ? 2.0 : 10.0)
                .setMaxPriceAgeMs(random.nextBoolean() ? 60_000L : null).setMaxDailyLoss(tight ? 2_000.0 : 50_000.0)
                .setMaxDrawdownPct(tight ? 5.0 : 30.0).setMaxRiskMultiplier(random.nextBoolean() ? 2.0 : null)
                .setNewDayLiftsDailyLossHalt(random.nextBoolean())
                .setSymbols(random.nextBoolean() ? Map.of("ETHUSDT", new SymbolLimits(50.0, null, null, 1.0)) : Map.of())
                .build();
    }

    private void nextInput() {
        ts += switch (random.nextInt(20)) {
            case 0 -> random.nextInt(4 * 3_600_000);
            case 1, 2, 3, 4, 5 -> random.nextInt(5);
            default -> random.nextInt(400);
        };
        int kind = random.nextInt(100);
        if (kind < 50) {
            order();
        } else if (kind < 75) {
            execution();
        } else if (kind < 88) {
            heartbeat();
        } else if (kind < 96) {
            command();
        } else if (kind < 98) {
            String key = random.nextBoolean() ? Topics.DEFAULT_LIMITS_KEY : bot();
            rig.pipe(Topics.RISK_LIMITS, key, limitsRecord(key, 2 + random.nextInt(100)), ts);
        } else {
            rig.pipe(Topics.ORDER_REQUESTS, random.nextBoolean() ? bot() : null,
                    "not avro".getBytes(StandardCharsets.UTF_8), ts);
        }
    }

    private void order() {
        String bot = bot();
        int s = random.nextInt(SYMBOLS.length);
        boolean market = random.nextInt(3) == 0;
        double qty = switch (random.nextInt(20)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> 40;
            default -> (1 + random.nextInt(30)) * (PRICES[s] > 1_000 ? 0.01 : 1.0);
        };
        Double price = market ? null : PRICES[s] * (1 + (random.nextInt(9) - 4) * 0.01);
        String clientOrderId = random.nextInt(4) == 0 ? null : "c-" + random.nextInt(1_000_000);
        OrderRequest request = OrderRequest.newBuilder()
                .setEventId(id()).setBotId(bot).setTsMs(ts).setCorrelationId(id()).setClientOrderId(clientOrderId)
                .setSymbol(random.nextInt(50) == 0 ? " " : SYMBOLS[s]).setSide(random.nextBoolean() ? Side.BUY : Side.SELL)
                .setOrderType(market ? OrderType.MARKET : (random.nextInt(10) == 0 ? OrderType.STOP_LIMIT : OrderType.LIMIT))
                .setQuantity(qty).setPrice(random.nextInt(30) == 0 ? Double.valueOf(-5.0) : price)
                .setLeverage(random.nextInt(4) == 0 ? random.nextInt(30) + 1.0 : null)
                .setIsReduceOnly(random.nextInt(8) == 0).setReplyTo("digest")
                .build();
        rig.pipe(Topics.ORDER_REQUESTS, bot, request, ts);
        openOrders.computeIfAbsent(bot, b -> new ArrayList<>())
                .add(clientOrderId != null ? clientOrderId : request.getCorrelationId());
    }

    private void execution() {
        if (!sentFills.isEmpty() && random.nextInt(15) == 0) {
            Execution again = sentFills.get(random.nextInt(sentFills.size()));
            rig.pipe(Topics.EXECUTIONS, again.getBotId(), again, ts);
            return;
        }
        String bot = bot();
        List<String> open = openOrders.getOrDefault(bot, List.of());
        String orderId = open.isEmpty() || random.nextInt(5) == 0 ? null : open.get(random.nextInt(open.size()));
        int s = random.nextInt(SYMBOLS.length);
        ExecType type = ExecType.values()[random.nextInt(ExecType.values().length)];
        double qty = (1 + random.nextInt(10)) * (PRICES[s] > 1_000 ? 0.01 : 1.0);
        Execution execution = Execution.newBuilder()
                .setEventId(id()).setBotId(bot).setTsMs(ts).setExecId(id()).setExecType(type)
                .setClientOrderId(orderId != null && orderId.startsWith("c-") ? orderId : null)
                .setCorrelationId(orderId != null && !orderId.startsWith("c-") ? orderId : null)
                .setSymbol(SYMBOLS[s]).setSide(random.nextBoolean() ? Side.BUY : Side.SELL).setQty(qty)
                .setPrice(PRICES[s] * (1 + (random.nextInt(5) - 2) * 0.003)).setFee(random.nextInt(3) * 0.1)
                .setLeavesQty(random.nextInt(3) == 0 ? qty / 2 : null)
                .build();
        rig.pipe(Topics.EXECUTIONS, bot, execution, ts);
        if (type == ExecType.FILL) {
            sentFills.add(execution);
        }
    }

    private void heartbeat() {
        String bot = bot();
        List<PositionReport> positions = new ArrayList<>();
        if (random.nextBoolean()) {
            for (int s = 0; s < SYMBOLS.length; s++) {
                if (random.nextBoolean()) {
                    positions.add(new PositionReport(SYMBOLS[s], random.nextInt(3) * 0.5, random.nextBoolean() ? PRICES[s] : null,
                            PRICES[s] * (1 + (random.nextInt(7) - 3) * 0.002)));
                }
            }
        }
        rig.pipe(Topics.HEARTBEATS, bot, Heartbeat.newBuilder()
                .setEventId(id()).setBotId(bot).setTsMs(ts)
                .setEquity(random.nextInt(6) == 0 ? null : 100_000.0 * (0.97 + random.nextDouble() * 0.06))
                .setPositions(positions).setReceivedTsMs(ts)
                .build(), ts);
    }

    private void command() {
        String bot = bot();
        CommandType type = List.of(CommandType.HALT, CommandType.RESUME, CommandType.RESUME, CommandType.RESUME,
                CommandType.REDUCE_ONLY, CommandType.PAUSE_ENTRIES, CommandType.RESUME_ENTRIES, CommandType.RESUME_ENTRIES,
                CommandType.SET_RISK_MULTIPLIER, CommandType.START).get(random.nextInt(10));
        Map<String, String> args = type == CommandType.SET_RISK_MULTIPLIER
                ? Map.of("multiplier", List.of("0.5", "1.0", "3", "abc", "-1").get(random.nextInt(5))) : Map.of();
        rig.pipe(Topics.OPERATOR_COMMANDS, bot, OperatorCommand.newBuilder()
                .setEventId(id()).setBotId(bot).setTsMs(ts).setCommandId(id()).setCommandType(type)
                .setIssuedBy(random.nextBoolean() ? "operator-alice" : "advisor:model").setReason("digest")
                .setArgs(args).setSource(random.nextInt(3) == 0 ? "ADVISOR" : "HTTP")
                .build(), ts);
    }
}
