package com.quantumedge.supervisor.risk.killtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.book.AppliedExecutions;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.Outcome;
import com.quantumedge.supervisor.risk.book.RiskBook;
import com.quantumedge.supervisor.risk.book.RiskStateView;
import com.quantumedge.supervisor.risk.checks.RiskEngine;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.risk.topology.RiskStreamsConfig;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The exactness proof: the risk topology runs in a child JVM fed 5,000 order checks, fills,
 * cancels, heartbeats and commands through the real broker; it is killed with SIGKILL in the
 * middle, restarted, and its final positions, reservations and PnL must equal a straight replay of
 * the same inputs through the plain-Java risk book; every decision it published must equal the
 * replay's decision for that request.
 */
class KillMidStreamTest {

    private static final int INPUTS = 5_000;
    private static final int KILL_AFTER = 2_500;
    private static final long TOPIC_SWITCH_PAUSE_MS = 3;
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};

    static {
        GeneratedClasses.trust();
    }

    private final List<Process> children = new ArrayList<>();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /**
     * Twice: with the service's record cache, the bot's book reaches its changelog at each commit together
     * with the input offsets, so a restart re-applies what followed the last commit; without a cache (0
     * bytes) the book is changelogged after every input, ahead of the offsets, so the restart is handed
     * inputs the restored book has already applied and must skip them.
     */
    @ParameterizedTest(name = "state cache {0} bytes")
    @ValueSource(longs = {RiskStreamsConfig.DEFAULT_STATE_CACHE_MAX_BYTES, 0})
    @DisplayName("after a SIGKILL mid-stream and a restart, positions, reservations, PnL and decisions equal a straight replay")
    void killedMidStreamEqualsReplay(long stateCacheBytes) throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        String appId = SharedKafkaBroker.uniqueName("risk-kill");
        Path stateDir = Path.of("target", appId).toAbsolutePath();
        RiskLimits botLimits = botLimits(bot);
        List<Object> inputs = generate(bot, System.currentTimeMillis() - 60_000, new Random(42));

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.RISK_LIMITS, bot, botLimits, botLimits.getTsMs());
            startChild(appId, stateDir, stateCacheBytes);
            log("child running; producing");
            for (int i = 0; i < KILL_AFTER; i++) {
                sendPaced(producer, inputs, i);
            }
            log("produced " + KILL_AFTER + " inputs; killing the child");
            Process first = children.get(0);
            first.destroyForcibly().waitFor();
            running.set(false);
            for (int i = KILL_AFTER; i < INPUTS; i++) {
                sendPaced(producer, inputs, i);
            }
            log("produced the rest; restarting the child");
            startChild(appId, stateDir, stateCacheBytes);
            log("child running again");
        }

        Heartbeat last = (Heartbeat) inputs.get(INPUTS - 1);
        Outputs outputs = new Outputs(bot);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> outputs.poll().finalState(last.getTsMs()) != null);
        outputs.drainToEnd();
        RiskState actual = outputs.finalState(last.getTsMs());
        log("final state published; " + skipped.get() + " redelivered inputs skipped");
        outputs.close();

        Replay replay = replay(bot, inputs, botLimits);
        RiskState expected = RiskStateView.of(replay.state, 0);

        if (stateCacheBytes == 0) {
            assertThat(skipped.get()).as("inputs re-delivered after the kill and skipped as already applied").isPositive();
        }
        assertThat(actual.getPositions()).hasSameSizeAs(expected.getPositions());
        for (int i = 0; i < expected.getPositions().size(); i++) {
            PositionState e = expected.getPositions().get(i);
            PositionState a = actual.getPositions().get(i);
            assertThat(a.getSymbol()).isEqualTo(e.getSymbol());
            assertThat(a.getQty()).as(e.getSymbol() + " qty").isCloseTo(e.getQty(), within(1e-9));
            assertThat(a.getAvgPrice()).as(e.getSymbol() + " avg").isCloseTo(e.getAvgPrice(), within(1e-6));
            assertThat(a.getRealizedPnl()).as(e.getSymbol() + " realized").isCloseTo(e.getRealizedPnl(), within(1e-6));
        }
        assertThat(actual.getRealizedPnlToday()).isCloseTo(expected.getRealizedPnlToday(), within(1e-6));
        assertThat(actual.getOpenReservations()).isEqualTo(expected.getOpenReservations());
        assertThat(actual.getReservedExposure()).isCloseTo(expected.getReservedExposure(), within(1e-6));
        assertThat(actual.getTradingState()).isEqualTo(expected.getTradingState());
        assertThat(actual.getRiskMultiplier()).isEqualTo(expected.getRiskMultiplier());

        Map<String, DecisionCode> published = outputs.decisions;
        log(published.size() + " of " + replay.decisions.size() + " requests answered (" + outputs.republished
                + " answered again after the restart); codes "
                + published.values().stream().collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
        assertThat(published.size()).as("requests answered").isGreaterThan((int) (replay.decisions.size() * 0.9));
        published.forEach((correlation, code) ->
                assertThat(code).as("decision for " + correlation).isEqualTo(replay.decisions.get(correlation)));
        assertThat(published.values()).as("the run exercised allows and denials").contains(DecisionCode.OK)
                .anyMatch(c -> c != DecisionCode.OK);
    }

    private static void log(String message) {
        System.out.println(java.time.LocalTime.now() + " kill test: " + message);
    }

    private static RiskLimits botLimits(String bot) {
        return RiskLimits.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(System.currentTimeMillis())
                .setVersion(1).setUpdatedBy("kill-test").setReason("test")
                .setMaxOrderQty(1_000.0).setMaxOrderNotional(60_000.0).setMaxLeverage(1_000.0)
                .setMaxSymbolExposure(1_500_000.0).setMaxGrossExposure(3_000_000.0).setMaxOpenOrders(150)
                .setMaxSubmitsPerWindow(30).setSubmitWindowMs(1_000L).setPriceCollarPct(2.0).setMaxPriceAgeMs(60_000L)
                .setMaxDailyLoss(1e12).setMaxDrawdownPct(100.0).setMaxRiskMultiplier(1.0)
                .build();
    }

    /** Deterministic mix: ~45% order checks, ~35% fills (some resent), ~10% cancels, ~8% heartbeats, a few commands. */
    private static List<Object> generate(String bot, long base, Random random) {
        double[] prices = {60_000, 3_000, 150};
        double[] sizes = {0.5, 8, 150};
        List<OrderRequest> orders = new ArrayList<>();
        List<Execution> fills = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < INPUTS - 1; i++) {
            long ts = base + i * 5L;
            int s = random.nextInt(SYMBOLS.length);
            prices[s] *= 1 + (random.nextDouble() - 0.5) * 0.004;
            double r = random.nextDouble();
            if (i == 1_000) {
                inputs.add(command(bot, ts, CommandType.PAUSE_ENTRIES, Map.of()));
            } else if (i == 1_600) {
                inputs.add(command(bot, ts, CommandType.RESUME_ENTRIES, Map.of()));
            } else if (i == 3_000) {
                inputs.add(command(bot, ts, CommandType.SET_RISK_MULTIPLIER, Map.of("multiplier", "0.5")));
            } else if (r < 0.08 || i == 0) {
                List<PositionReport> marks = new ArrayList<>();
                for (int k = 0; k < SYMBOLS.length; k++) {
                    marks.add(new PositionReport(SYMBOLS[k], 0.0, null, prices[k]));
                }
                inputs.add(Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                        .setEquity(100_000 + random.nextGaussian() * 500).setPositions(marks).build());
            } else if (r < 0.53 || orders.isEmpty()) {
                boolean market = random.nextDouble() < 0.3;
                double price = prices[s] * (1 + (random.nextDouble() - 0.5) * 0.05);
                OrderRequest order = OrderRequest.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                        .setCorrelationId(UUID.randomUUID().toString()).setClientOrderId("o-" + i)
                        .setSymbol(SYMBOLS[s]).setSide(random.nextBoolean() ? Side.BUY : Side.SELL)
                        .setOrderType(market ? OrderType.MARKET : OrderType.LIMIT)
                        .setQuantity(round(sizes[s] * (0.05 + random.nextDouble())))
                        .setPrice(market ? null : price).setIsReduceOnly(random.nextDouble() < 0.05)
                        .build();
                orders.add(order);
                inputs.add(order);
            } else if (r < 0.85) {
                if (!fills.isEmpty() && random.nextDouble() < 0.05) {
                    Execution resent = fills.get(random.nextInt(fills.size()));
                    inputs.add(Execution.newBuilder(resent).setEventId(UUID.randomUUID().toString()).setTsMs(ts).build());
                    continue;
                }
                OrderRequest order = orders.get(random.nextInt(orders.size()));
                double qty = round(order.getQuantity() * (random.nextBoolean() ? 1 : 0.5));
                Execution fill = Execution.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                        .setExecId("x-" + i).setExecType(ExecType.FILL).setClientOrderId(order.getClientOrderId())
                        .setSymbol(order.getSymbol()).setSide(order.getSide()).setQty(qty)
                        .setPrice(prices[indexOf(order.getSymbol())]).setFee(round(qty * 0.01))
                        .build();
                fills.add(fill);
                inputs.add(fill);
            } else {
                OrderRequest order = orders.get(random.nextInt(orders.size()));
                inputs.add(Execution.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                        .setExecId("c-" + i).setExecType(ExecType.CANCEL).setClientOrderId(order.getClientOrderId())
                        .setSymbol(order.getSymbol()).setSide(order.getSide()).setQty(order.getQuantity())
                        .build());
            }
        }
        inputs.add(Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot)
                .setTsMs(base + INPUTS * 5L).setEquity(100_000.0).build());
        return inputs;
    }

    private static OperatorCommand command(String bot, long ts, CommandType type, Map<String, String> args) {
        return OperatorCommand.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                .setCommandId(UUID.randomUUID().toString()).setCommandType(type).setIssuedBy("kill-test")
                .setReason("test").setArgs(args).build();
    }

    private static int indexOf(String symbol) {
        for (int i = 0; i < SYMBOLS.length; i++) {
            if (SYMBOLS[i].equals(symbol)) {
                return i;
            }
        }
        throw new IllegalArgumentException(symbol);
    }

    private static double round(double v) {
        return Math.round(v * 1_000) / 1_000.0;
    }

    private record Replay(BotRiskState state, Map<String, DecisionCode> decisions) {
    }

    /** The same inputs, in the same order, through the plain-Java book: what the stream must have computed. */
    private static Replay replay(String bot, List<Object> inputs, RiskLimits botLimits) {
        EffectiveLimits limits = EffectiveLimits.resolve(latestDefaults(), botLimits);
        RiskBook book = new RiskBook(new RiskEngine(), BookSettings.DEFAULTS, Clock.systemUTC());
        BotRiskState state = new BotRiskState(bot);
        Map<String, String> seen = new HashMap<>();
        AppliedExecutions applied = new AppliedExecutions() {
            @Override
            public boolean isDuplicate(String botId, String execId, String position) {
                return seen.containsKey(execId);
            }

            @Override
            public void record(String botId, String execId, String position, long tsMs) {
                seen.put(execId, position);
            }
        };
        Map<String, DecisionCode> decisions = new HashMap<>();
        int i = 0;
        for (Object input : inputs) {
            i++;
            if (input instanceof OrderRequest r) {
                Outcome o = book.onOrderRequest(state, r, limits);
                decisions.put(r.getCorrelationId(), o.decision().getCode());
            } else if (input instanceof Execution e) {
                book.onExecution(state, e, limits, applied, "replay:" + i);
            } else if (input instanceof Heartbeat h) {
                book.onHeartbeat(state, h, limits);
                state.compact();
            } else {
                book.onOperatorCommand(state, (OperatorCommand) input, limits);
            }
        }
        return new Replay(state, decisions);
    }

    private static RiskLimits latestDefaults() {
        RiskLimits latest = null;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, Topics.RISK_LIMITS.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (Topics.DEFAULT_LIMITS_KEY.equals(r.key())) {
                        latest = r.value() == null ? null : Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    }
                }
            }
        }
        return latest;
    }

    /** Published decisions and risk states of one bot, read from the beginning of both topics. */
    private static final class Outputs implements AutoCloseable {
        final String bot;
        final KafkaConsumer<String, byte[]> consumer = consumer();
        final Map<String, DecisionCode> decisions = new HashMap<>();
        final List<RiskState> states = new ArrayList<>();
        int republished;

        Outputs(String bot) {
            this.bot = bot;
            List<TopicPartition> partitions = new ArrayList<>(partitions(consumer, Topics.ORDER_DECISIONS.name()));
            partitions.addAll(partitions(consumer, Topics.RISK_STATE.name()));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Outputs poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (!bot.equals(r.key())) {
                    continue;
                }
                if (r.topic().equals(Topics.ORDER_DECISIONS.name())) {
                    OrderDecision d = Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    DecisionCode previous = decisions.put(d.getCorrelationId(), d.getCode());
                    if (previous != null) {
                        republished++;
                    }
                    assertThat(previous == null || previous == d.getCode())
                            .as("one answer per request: %s answered %s, then %s at %s-%d@%d", d.getCorrelationId(), previous,
                                    d.getCode(), r.topic(), r.partition(), r.offset()).isTrue();
                } else {
                    states.add(Topics.RISK_STATE.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                }
            }
            return this;
        }

        /** Reads both topics up to their current end, so every decision published so far is seen. */
        void drainToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> poll().consumer.assignment().stream().allMatch(p -> consumer.position(p) >= end.get(p)));
        }

        /** The newest state once one reflects the final heartbeat. */
        RiskState finalState(long lastHeartbeatTs) {
            boolean reached = states.stream().anyMatch(s -> s.getLastHeartbeatTsMs() != null && s.getLastHeartbeatTsMs() == lastHeartbeatTs);
            return reached ? states.get(states.size() - 1) : null;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private void startChild(String appId, Path stateDir, long stateCacheBytes) throws IOException, URISyntaxException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        File logback = new File(KillMidStreamTest.class.getResource("/child-logback.xml").toURI());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logback.getAbsolutePath(),
                "-cp", classpath, RiskStreamsChild.class.getName(),
                SharedKafkaBroker.bootstrapServers(), appId, stateDir.toString(), Long.toString(stateCacheBytes));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", appId + "-child.log").toFile()));
        Process child = pb.start();
        children.add(child);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("RUNNING")) {
                        running.set(true);
                    } else if (line.startsWith("SKIPPED ")) {
                        skipped.incrementAndGet();
                    }
                }
            } catch (IOException ignored) {
                // The child was killed.
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).untilTrue(running);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /**
     * Sends input {@code i}, after a pause if it goes to another topic than input {@code i - 1}. The replay
     * applies inputs in the order sent, and so does the task as long as it sees them in that order. With
     * {@code max.task.idle.ms=0} it orders records of different topics by timestamp among those whose
     * partitions it knows to have data, and one fetch reads its partitions one after the other: a
     * request-handler thread descheduled between two reads on this busy 2-core machine could return a
     * record without the earlier-stamped record of another topic that was appended meanwhile. The pause
     * makes that window far longer than a deschedule; the service documents the limit.
     */
    private static void sendPaced(KafkaProducer<String, byte[]> producer, List<Object> inputs, int i) throws Exception {
        if (i > 0 && inputs.get(i).getClass() != inputs.get(i - 1).getClass()) {
            Thread.sleep(TOPIC_SWITCH_PAUSE_MS);
        }
        send(producer, inputs.get(i));
    }

    private static void send(KafkaProducer<String, byte[]> producer, Object input) throws Exception {
        if (input instanceof OrderRequest r) {
            send(producer, Topics.ORDER_REQUESTS, r.getBotId(), r, r.getTsMs());
        } else if (input instanceof Execution e) {
            send(producer, Topics.EXECUTIONS, e.getBotId(), e, e.getTsMs());
        } else if (input instanceof Heartbeat h) {
            send(producer, Topics.HEARTBEATS, h.getBotId(), h, h.getTsMs());
        } else {
            OperatorCommand c = (OperatorCommand) input;
            send(producer, Topics.OPERATOR_COMMANDS, c.getBotId(), c, c.getTsMs());
        }
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, TopicSpec<V> topic, String key, V value, long ts)
            throws Exception {
        // One at a time, so the broker holds the inputs in event-time order across topics.
        producer.send(new ProducerRecord<>(topic.name(), null, ts, key, topic.valueSerde().serializer().serialize(topic.name(), value)))
                .get();
    }
}
