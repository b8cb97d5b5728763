package com.quantumedge.supervisor.bench.risk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Broker failover as the bot sees it: on the secured three-node cluster ({@link BenchKafka#secured}),
 * with the real gateway (its production 250 ms fail-closed timeout) and the risk topology as risk-stream
 * runs it, each as its own principal, a steady stream of order checks over HTTP while the node leading
 * the bot's partition of order requests is stopped, restarted {@code stoppedSeconds} after
 * the stop began, and the cluster awaited fully replicated; {@code repetitions} times. Per repetition it
 * prints how long the stop took, the time from the stop's start to the first allowed check sent after
 * the node was gone, the longest time without an allowed answer (the fail-closed window) and the
 * denials; then the median and maximum of each.
 *
 * <p>The stop is graceful (controlled shutdown hands the leaderships over first): in-process nodes
 * cannot be killed with SIGKILL. A crash would add the controller's wait for the broker's session to
 * expire ({@code broker.session.timeout.ms}, 20 s on this cluster, 9 s by Kafka's default).
 *
 * <p>Args (optional): {@code [repetitions=5] [stoppedSeconds=10] [checkThreads=2] [checksPerSecondPerThread=100]}.
 */
public final class FailoverBench {

    private static final String PATH = "/api/v1/risk/evaluate";
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    record Answer(long sentNanos, long answeredNanos, String code) {
        boolean allowed() {
            return "OK".equals(code);
        }
    }

    record Repetition(int node, long stopMs, long backMs, long firstAllowedAfterGoneMs, long longestWithoutAllowMs,
            long longestStartMs, long denied, long checks) {
    }

    /** The longest stretch without an allowed answer: when it began and how long it lasted. */
    record Gap(long startNanos, long nanos) {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = arg(args, 0, 5);
        int stoppedSeconds = arg(args, 1, 10);
        int threads = arg(args, 2, 2);
        int perSecond = arg(args, 3, 100);
        GeneratedClasses.trust();
        Path dir = Path.of("target", "bench-failover-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        String bot = "failover-bench-bot";
        String token = "failover-bench-token-" + UUID.randomUUID();
        try (BenchKafka kafka = BenchKafka.secured(dir)) {
            SecuredKafkaCluster cluster = kafka.securedCluster().orElseThrow();
            KafkaLatencyBench.publishLimits(kafka.client(ServiceAccount.RISK_STREAM), 1_000_000, 1_000_000);
            KafkaStreams streams = KafkaLatencyBench.startRiskStreams(kafka.client(ServiceAccount.RISK_STREAM),
                    ServiceAccount.RISK_STREAM.streamsApplicationId().orElseThrow(), kafka.streamsReplication(), dir.resolve("streams"), 1,
                    new BookSettings(Duration.ofSeconds(1), MismatchPolicy.TRUST_FILLS, 1e-9, ZoneId.of("UTC")));
            List<String> gatewayArgs = new ArrayList<>(kafka.springArguments(ServiceAccount.GATEWAY));
            gatewayArgs.addAll(List.of("--server.port=0", "--logging.level.root=WARN", "--logging.structured.format.console=",
                    "--supervisor.gateway.limits.requests-per-second=1000000",
                    "--supervisor.gateway.security.operator-token=" + UUID.randomUUID(),
                    "--supervisor.gateway.security.viewer-token=" + UUID.randomUUID(),
                    "--supervisor.gateway.security.tokens[0].name=" + bot, "--supervisor.gateway.security.tokens[0].role=BOT",
                    "--supervisor.gateway.security.tokens[0].token=" + token, "--supervisor.gateway.security.tokens[0].bot-id=" + bot,
                    "--supervisor.gateway.security.tokens[0].requests-per-second=1000000"));
            try (ConfigurableApplicationContext gateway = SpringApplication.run(GatewayApplication.class, gatewayArgs.toArray(String[]::new));
                    Load load = new Load(((WebServerApplicationContext) gateway).getWebServer().getPort(), bot, token, threads, perSecond)) {
                System.out.printf("FailoverBench on the %s: %d repetitions, node back %d s after the stop began, %d threads x %d checks/s; "
                        + "gateway order-check timeout %s; load %s%n", kafka.describe(), repetitions, stoppedSeconds, threads, perSecond,
                        gateway.getEnvironment().getProperty("supervisor.gateway.order-check.timeout", "250ms (default)"),
                        HttpEndToEndBench.load());
                load.awaitAllowed(500, Duration.ofMinutes(3));
                Thread.sleep(10_000);
                int partition = Utils.toPositive(Utils.murmur2(bot.getBytes(StandardCharsets.UTF_8))) % Topics.PARTITIONS;
                List<String> allTopics = Topics.ALL.stream().map(TopicSpec::name).toList();
                List<Repetition> results = new ArrayList<>();
                for (int r = 1; r <= repetitions; r++) {
                    int node = busiestLeader(cluster, partition);
                    String loadBefore = HttpEndToEndBench.load();
                    long t0 = System.nanoTime();
                    cluster.stopBroker(node);
                    long gone = System.nanoTime();
                    sleepUntil(t0 + TimeUnit.SECONDS.toNanos(stoppedSeconds));
                    cluster.restartBroker(node);
                    long back = System.nanoTime();
                    cluster.awaitFullyReplicated(allTopics);
                    Thread.sleep(5_000);
                    long end = System.nanoTime();
                    List<Answer> window = load.sentBetween(t0, end);
                    long firstAllowedAfterGone = window.stream().filter(a -> a.sentNanos() >= gone && a.allowed())
                            .mapToLong(Answer::answeredNanos).min().orElse(end) - t0;
                    Gap gap = longestWithoutAllow(window, t0, end);
                    Repetition rep = new Repetition(node, millis(gone - t0), millis(back - t0), millis(firstAllowedAfterGone),
                            millis(gap.nanos()), millis(gap.startNanos() - t0), window.stream().filter(a -> !a.allowed()).count(),
                            window.size());
                    String deniedByPhase = String.format("%d while stopping, %d while down, %d after it returned",
                            denied(window, t0, gone), denied(window, gone, back), denied(window, back, end));
                    results.add(rep);
                    Map<String, Long> codes = window.stream().collect(Collectors.groupingBy(Answer::code, java.util.TreeMap::new,
                            Collectors.counting()));
                    System.out.printf("repetition %d: node %d (leader of partition %d) stopped in %d ms, back at %d ms; stop began -> first "
                            + "allowed check sent after the node was gone %d ms; longest without an allowed answer %d ms, from %d ms; "
                            + "%d of %d checks denied (%s); answers %s; load %s -> %s%n", r, node, partition, rep.stopMs(), rep.backMs(),
                            rep.firstAllowedAfterGoneMs(), rep.longestWithoutAllowMs(), rep.longestStartMs(), rep.denied(), rep.checks(),
                            deniedByPhase, codes, loadBefore, HttpEndToEndBench.load());
                }
                System.out.println();
                System.out.printf("== failover summary over %d repetitions (load at the end %s)%n", repetitions, HttpEndToEndBench.load());
                summary("controlled shutdown of the node (ms)", results, Repetition::stopMs);
                summary("stop began -> first allowed check sent after the node was gone (ms)", results, Repetition::firstAllowedAfterGoneMs);
                summary("longest time without an allowed check (ms)", results, Repetition::longestWithoutAllowMs);
                summary("fail-closed denials per repetition", results, Repetition::denied);
                long worst = results.stream().mapToLong(Repetition::longestWithoutAllowMs).max().orElse(Long.MAX_VALUE);
                System.out.printf("target: allowed again within 10 s of the stop: %s%n", worst <= 10_000 ? "MET" : "NOT MET");
            } finally {
                streams.close(Duration.ofSeconds(10));
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The leader of the bot's partition of order requests: every check starts with a write there. */
    private static int busiestLeader(SecuredKafkaCluster cluster, int partition) throws Exception {
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            return admin.describeTopics(List.of(Topics.ORDER_REQUESTS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.ORDER_REQUESTS.name()).partitions().get(partition).leader().id();
        }
    }

    private static Gap longestWithoutAllow(List<Answer> answers, long from, long to) {
        long[] allowed = answers.stream().filter(Answer::allowed).mapToLong(Answer::answeredNanos).sorted().toArray();
        long previous = from;
        Gap longest = new Gap(from, 0);
        for (long t : allowed) {
            if (t - previous > longest.nanos()) {
                longest = new Gap(previous, t - previous);
            }
            previous = t;
        }
        return to - previous > longest.nanos() ? new Gap(previous, to - previous) : longest;
    }

    private static long denied(List<Answer> answers, long from, long to) {
        return answers.stream().filter(a -> !a.allowed() && a.sentNanos() >= from && a.sentNanos() < to).count();
    }

    private static void summary(String name, List<Repetition> results, ToLongFunction<Repetition> f) {
        long[] v = results.stream().mapToLong(f).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
        System.out.printf("%-72s median %8.0f  max %8d  all %s%n", name, median, v[v.length - 1], Arrays.toString(v));
    }

    /** Order checks on {@code threads} keep-alive connections, each at a fixed rate, every answer recorded. */
    private static final class Load implements AutoCloseable {
        private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(int port, String bot, String token, int threadCount, int perSecond) {
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            for (int t = 0; t < threadCount; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    BlockingHttpClient http = new BlockingHttpClient("127.0.0.1", port);
                    long next = System.nanoTime();
                    for (long i = 0; running.get(); i++) {
                        String body = "{\"bot_id\":\"" + bot + "\",\"symbol\":\"BTCUSDT\",\"side\":\"" + (i % 2 == 0 ? "BUY" : "SELL")
                                + "\",\"order_type\":\"LIMIT\",\"quantity\":0.01,\"price\":60000.0,\"client_order_id\":\"f" + id + "-" + i + "\"}";
                        long sent = System.nanoTime();
                        String code;
                        try {
                            BlockingHttpClient.Response r = http.post(PATH, token, body);
                            Matcher m = CODE.matcher(r.body());
                            code = r.status() == 200 && m.find() ? m.group(1) : "HTTP_" + r.status();
                        } catch (IOException e) {
                            http.close();
                            code = "NO_ANSWER";
                        }
                        answers.add(new Answer(sent, System.nanoTime(), code));
                        next += interval;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            sleepUntil(next);
                        } else if (wait < -interval) {
                            next = System.nanoTime();
                        }
                    }
                    http.close();
                }, "failover-checks-" + t);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        void awaitAllowed(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (answers.stream().filter(Answer::allowed).count() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + count + " allowed checks after " + timeout.toSeconds() + " s: "
                            + answers.stream().collect(Collectors.groupingBy(Answer::code, Collectors.counting())));
                }
                Thread.sleep(100);
            }
        }

        List<Answer> sentBetween(long from, long to) {
            return answers.stream().filter(a -> a.sentNanos() >= from && a.sentNanos() < to).toList();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(15_000);
            }
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is under target/
        }
    }

    private FailoverBench() {
    }
}
