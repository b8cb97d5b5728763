package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.launcher.LoadOnGateway.Answer;
import com.quantumedge.supervisor.launcher.LoadOnGateway.Fill;
import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.testing.SharedSecuredKafkaCluster;
import com.quantumedge.supervisor.risk.RiskStreamApplication;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Issue 14, part 5: a broker stops under load. ingest-gateway and risk-stream run on the secured
 * three-node cluster (SASL_SSL, each with its own principal, acks=all, replication 3, min ISR 2)
 * while a bot sends a steady stream of order checks and fills; the node that leads most of the
 * bot's partitions (order requests, decisions, fills) is stopped and, 10 s later, restarted. Order
 * checks must be answered throughout, allowed or denied fail-closed, be allowed again within a bounded
 * time without restarting a service, and once the node is back every fill the gateway acknowledged is
 * on the fills topic and the positions equal the sum of the fills there.
 *
 * <p>The node stops gracefully (controlled shutdown moves its leaderships first): in-process nodes
 * cannot be killed, see {@link SecuredKafkaCluster}.
 */
class FailoverUnderLoadTest {

    private static final Logger log = LoggerFactory.getLogger(FailoverUnderLoadTest.class);

    private static final String FAIL_CLOSED = "SUPERVISOR_UNAVAILABLE";
    /** The gateway's order-check deadline (its default) plus room for a loaded two-core machine; a hang would be far longer. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    private static final Duration FAIL_CLOSED_BOUND = Duration.ofSeconds(15);
    private static final Duration BEFORE_STOP = Duration.ofSeconds(6);
    private static final Duration STOPPED = Duration.ofSeconds(10);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(6);
    private static final Map<String, Double> PRICES = Map.of("BTCUSDT", 50_000.0, "ETHUSDT", 3_000.0, "SOLUSDT", 150.0);

    private static final SecuredKafkaCluster cluster = SharedSecuredKafkaCluster.get();
    private static final List<SpringService> services = new ArrayList<>();
    private static final String bot = "failover-bot-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String botToken = "bot-token-" + UUID.randomUUID();
    private static final String viewerToken = "viewer-token-" + UUID.randomUUID();
    private static StackHttp http;
    private static String gatewayUrl;

    @BeforeAll
    static void startServices() throws Exception {
        GeneratedClasses.trust();
        Path state = Files.createDirectories(Path.of("target", "failover-" + UUID.randomUUID()).toAbsolutePath());

        Map<String, Object> risk = new LinkedHashMap<>(springKafka(ServiceAccount.RISK_STREAM));
        risk.put("server.port", 0);
        risk.put("supervisor.risk.streams.state-dir", state.resolve("risk-stream"));
        // Reservations of allowed orders expire after 1 s of event time, so a steady stream keeps passing.
        risk.put("supervisor.risk.book.reservation-ttl", "1s");
        String limits = "supervisor.risk.limits.defaults.";
        risk.put(limits + "max-order-notional", 1e12);
        risk.put(limits + "max-symbol-exposure", 1e12);
        risk.put(limits + "max-gross-exposure", 1e12);
        risk.put(limits + "max-daily-loss", 1e12);
        risk.put(limits + "max-leverage", 1e6);
        risk.put(limits + "max-open-orders", 1_000_000);
        risk.put(limits + "max-submits-per-window", 1_000_000);
        services.add(SpringService.start("risk-stream", RiskStreamApplication.class, risk));

        Map<String, Object> gateway = new LinkedHashMap<>(springKafka(ServiceAccount.GATEWAY));
        gateway.put("server.port", 0);
        gateway.put("supervisor.gateway.security.bot-id", bot);
        gateway.put("supervisor.gateway.security.bot-token", botToken);
        gateway.put("supervisor.gateway.security.operator-token", "operator-token-" + UUID.randomUUID());
        gateway.put("supervisor.gateway.security.viewer-token", viewerToken);
        gateway.put("supervisor.gateway.limits.requests-per-second", 1_000_000);
        SpringService gatewayService = SpringService.start("ingest-gateway", GatewayApplication.class, gateway);
        services.add(gatewayService);
        for (SpringService service : services) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> service.readiness().up());
        }
        gatewayUrl = "http://127.0.0.1:" + gatewayService.port();
        http = new StackHttp(gatewayUrl);
    }

    @AfterAll
    static void stopServices() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    @Test
    @DisplayName("the leader of the bot's partitions stops under load: checks fail closed for a bounded time, then pass; no acknowledged fill is lost")
    void leaderStopsUnderLoad() throws Exception {
        assertThat(http.post("/api/v1/heartbeat", botToken, Map.of("equity", 1_000_000, "uptime_s", 1)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(http.evaluate(botToken, LoadOnGateway.order("warm-up", "BTCUSDT", 50_000.0)).path("code").asText())
                        .isEqualTo("OK"));

        int partition = Utils.toPositive(Utils.murmur2(bot.getBytes(StandardCharsets.UTF_8))) % Topics.PARTITIONS;
        int stopped;
        long stopStarted;
        long stopDone;
        long restarted;
        LoadOnGateway.Result result;
        try (LoadOnGateway load = LoadOnGateway.start(gatewayUrl, botToken, PRICES)) {
            Thread.sleep(BEFORE_STOP.toMillis());
            stopped = busiestLeader(partition);
            log.info("Stopping node {}, leader of most of partition {} of the order-check and fill topics", stopped, partition);
            stopStarted = System.nanoTime();
            cluster.stopBroker(stopped);
            stopDone = System.nanoTime();
            try {
                Thread.sleep(Math.max(0, STOPPED.toMillis() - TimeUnit.NANOSECONDS.toMillis(stopDone - stopStarted)));
            } finally {
                cluster.restartBroker(stopped);
            }
            restarted = System.nanoTime();
            Thread.sleep(AFTER_RESTART.toMillis());
            result = load.stop();
        } finally {
            restartMissingNodes();
        }
        cluster.awaitFullyReplicated(Topics.ALL.stream().map(TopicSpec::name).toList());

        List<Answer> checks = result.checks();
        Map<String, Long> codes = checks.stream().collect(Collectors.groupingBy(Answer::code, TreeMap::new, Collectors.counting()));
        Answer firstAllowedAfterGone = firstAllowedSentAfter(checks, stopDone);
        long slowest = checks.stream().mapToLong(Answer::latencyNanos).max().orElse(0);
        Duration longestWithoutAllow = longestWithoutAllow(checks);
        Map<Long, Long> deniedBySecond = checks.stream().filter(a -> !a.allowed())
                .collect(Collectors.groupingBy(a -> Math.floorDiv(a.sentNanos() - stopStarted, 1_000_000_000L), TreeMap::new,
                        Collectors.counting()));
        log.info("Failover under load: {} order checks ({}), {} fills ({} acknowledged); node {} stopped in {} ms, back {} ms after the "
                + "stop began; stop began -> first allowed check sent after it: {} ms, sent after the node was gone: {} ms; longest time "
                + "without an allowed answer {} ms; slowest answer {} ms; denials by second sent after the stop began {}",
                checks.size(), codes, result.fills().size(), result.fills().stream().filter(Fill::acknowledged).count(), stopped,
                millis(stopDone - stopStarted), millis(restarted - stopStarted),
                millisAfter(firstAllowedSentAfter(checks, stopStarted), stopStarted), millisAfter(firstAllowedAfterGone, stopStarted),
                longestWithoutAllow.toMillis(), millis(slowest), deniedBySecond);

        assertThat(checks).as("order checks sent").hasSizeGreaterThan(500);
        assertThat(codes.keySet()).as("every order check allowed, or denied fail-closed").isSubsetOf(Set.of("OK", FAIL_CLOSED));
        assertThat(Duration.ofNanos(slowest)).as("slowest order-check answer").isLessThan(ANSWER_BOUND);
        assertThat(firstAllowedAfterGone).as("an order check sent after the node was gone was allowed").isNotNull();
        assertThat(Duration.ofNanos(firstAllowedAfterGone.answeredNanos() - stopDone)).as("node gone -> first allowed check")
                .isLessThan(FAIL_CLOSED_BOUND);
        assertThat(longestWithoutAllow).as("longest time without an allowed order check").isLessThan(FAIL_CLOSED_BOUND);
        assertThat(checks.stream().filter(a -> a.sentNanos() > restarted).filter(Answer::allowed).count())
                .as("order checks allowed after the node returned, no service restarted").isPositive();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (int i = 0; i < 20; i++) {
                assertThat(http.evaluate(botToken, LoadOnGateway.order("after-" + UUID.randomUUID(), "BTCUSDT", 50_000.0))
                        .path("code").asText()).isEqualTo("OK");
            }
        });

        Map<String, Execution> onTopic = fillsOnTopic(partition);
        List<String> acknowledged = result.fills().stream().filter(Fill::acknowledged).map(Fill::execId).toList();
        long refusedButWritten = result.fills().stream().filter(f -> !f.acknowledged() && onTopic.containsKey(f.execId())).count();
        log.info("Fills: {} acknowledged, {} answered with an error ({} of those on the topic anyway), {} on the topic",
                acknowledged.size(), result.fills().size() - acknowledged.size(), refusedButWritten, onTopic.size());
        assertThat(acknowledged).as("fills acknowledged").hasSizeGreaterThan(100);
        assertThat(onTopic.keySet()).as("every acknowledged fill is on %s", Topics.EXECUTIONS.name()).containsAll(acknowledged);

        Map<String, Double> expected = onTopic.values().stream().collect(Collectors.groupingBy(e -> e.getSymbol(), TreeMap::new,
                Collectors.summingDouble(e -> e.getSide() == Side.BUY ? e.getQty() : -e.getQty())));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> positions = positions();
            for (String symbol : PRICES.keySet()) {
                assertThat(positions.getOrDefault(symbol, 0.0)).as("position in %s: the sum of the fills on the topic", symbol)
                        .isCloseTo(expected.getOrDefault(symbol, 0.0), within(1e-6));
            }
        });
        log.info("Positions {} equal the sum of the fills on the topic", expected);
    }

    /** The node that leads most of the bot's partition of order requests, decisions and fills. */
    private static int busiestLeader(int partition) throws Exception {
        List<String> topics = List.of(Topics.ORDER_REQUESTS.name(), Topics.ORDER_DECISIONS.name(), Topics.EXECUTIONS.name());
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            Map<String, Integer> leaderByTopic = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .collect(Collectors.toMap(d -> d.name(), d -> d.partitions().get(partition).leader().id()));
            Map<Integer, Long> leads = leaderByTopic.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            log.info("Leaders of partition {}: {}", partition, leaderByTopic);
            long most = leads.values().stream().max(Long::compare).orElseThrow();
            // On a tie, the order requests' leader: every check starts with that write.
            int requests = leaderByTopic.get(Topics.ORDER_REQUESTS.name());
            return leads.get(requests) == most ? requests
                    : leads.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
        }
    }

    private static Answer firstAllowedSentAfter(List<Answer> checks, long nanos) {
        return checks.stream().filter(a -> a.sentNanos() >= nanos && a.allowed()).min(Comparator.comparingLong(Answer::answeredNanos))
                .orElse(null);
    }

    private static String millisAfter(Answer answer, long start) {
        return answer == null ? "none" : Long.toString(millis(answer.answeredNanos() - start));
    }

    private static void restartMissingNodes() {
        for (int node = 1; node <= SecuredKafkaCluster.NODES; node++) {
            if (!cluster.runningBrokers().contains(node)) {
                cluster.restartBroker(node);
            }
        }
    }

    /** The longest stretch, from the first check answered to the last, in which no order check was allowed. */
    private static Duration longestWithoutAllow(List<Answer> checks) {
        List<Long> allowedAt = new ArrayList<>(checks.stream().filter(Answer::allowed).map(Answer::answeredNanos).sorted().toList());
        long first = checks.stream().mapToLong(Answer::answeredNanos).min().orElse(0);
        long last = checks.stream().mapToLong(Answer::answeredNanos).max().orElse(0);
        allowedAt.add(0, first);
        allowedAt.add(last);
        long longest = 0;
        for (int i = 1; i < allowedAt.size(); i++) {
            longest = Math.max(longest, allowedAt.get(i) - allowedAt.get(i - 1));
        }
        return Duration.ofNanos(longest);
    }

    /** The bot's fills on its partition of the fills topic, by exec id, read by the operator's principal. */
    private static Map<String, Execution> fillsOnTopic(int partition) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties(ServiceAccount.OPERATOR));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Function<byte[], Execution> decode = bytes -> Topics.EXECUTIONS.valueSerde().deserializer().deserialize(Topics.EXECUTIONS.name(), bytes);
        Map<String, Execution> fills = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.EXECUTIONS.name(), partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (bot.equals(r.key())) {
                        Execution e = decode.apply(r.value());
                        fills.putIfAbsent(e.getExecId(), e);
                    }
                }
            }
            assertThat(consumer.position(tp)).as("read %s to its end", tp).isGreaterThanOrEqualTo(end);
        }
        return fills;
    }

    private static Map<String, Double> positions() {
        Map<String, Double> positions = new HashMap<>();
        for (JsonNode p : http.get("/api/v1/bots/" + bot, viewerToken).path("positions")) {
            positions.put(p.path("symbol").asText(), p.path("qty").asDouble());
        }
        return positions;
    }

    /**
     * {@code spring.kafka.*} of a service on the secured cluster, as {@code deploy/production/common.env.example}
     * sets them: its principal's SCRAM login, the truststore, acks=all, Streams replication 3 with min ISR 2.
     */
    static Map<String, Object> springKafka(ServiceAccount account) {
        Map<String, Object> client = cluster.clientProperties(account);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", cluster.bootstrapServers());
        p.put("spring.kafka.security.protocol", "SASL_SSL");
        p.put("spring.kafka.properties.sasl.mechanism", SecuredKafkaCluster.SASL_MECHANISM);
        p.put("spring.kafka.properties.sasl.jaas.config", client.get("sasl.jaas.config"));
        p.put("spring.kafka.ssl.trust-store-location", "file:" + client.get("ssl.truststore.location"));
        p.put("spring.kafka.ssl.trust-store-password", client.get("ssl.truststore.password"));
        p.put("spring.kafka.ssl.trust-store-type", client.get("ssl.truststore.type"));
        p.put("spring.kafka.producer.acks", "all");
        p.put("spring.kafka.producer.properties.enable.idempotence", true);
        p.put("spring.kafka.streams.replication-factor", SecuredKafkaCluster.NODES);
        p.put("spring.kafka.streams.properties.topic.min.insync.replicas", SecuredKafkaCluster.REPLICATION.minInsyncReplicas().orElseThrow());
        return p;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
