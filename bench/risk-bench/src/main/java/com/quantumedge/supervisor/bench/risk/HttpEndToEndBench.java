package com.quantumedge.supervisor.bench.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Order checks end to end over HTTP on a warm system, everything but the load driver in this JVM (as
 * in the local stack): the bot's {@code POST /api/v1/risk/evaluate} to the real gateway (security,
 * validation, Avro, production settings), through a real KRaft broker to the real risk-stream topology
 * and back. The gateway answers SUPERVISOR_UNAVAILABLE after its production timeout (250 ms); every
 * answer's code is counted and every phase expects only OK.
 *
 * <p>Phases, all in one run:
 * <ol>
 * <li>warm-up: 64-connection wrk load in 10 s rounds until two consecutive rates agree within 5% and
 *     the JIT compiled for under 1 s of the round (at most {@code maxWarmupSeconds}); each round prints
 *     its JIT compile time. With the broker, Kafka
 *     clients, Streams and Spring WebFlux in one JVM on two cores, the one C2 thread needs minutes.</li>
 * <li>baseline: a raw Kafka produce→consume loop (one Kafka hop), sequential and 64 in flight;</li>
 * <li>Kafka-level request/reply through risk-stream without HTTP (two Kafka hops + the topology);</li>
 * <li>HTTP sequential, Java client on one blocking keep-alive connection (no client threads);</li>
 * <li>HTTP sequential with wrk on one connection (a C client, to cross-check the Java client);</li>
 * <li>HTTP with 64 in flight: wrk, 64 connections, one thread.</li>
 * </ol>
 * Each phase prints this JVM's CPU per check (broker + risk-stream + gateway + Java clients, not wrk),
 * by thread group, with GC and JIT time, and the load average.
 *
 * <p>Args (optional): {@code [seconds=20] [connections=64] [samples=5000] [maxWarmupSeconds=300] [bots=64]}.
 * System properties: {@code -Dbench.jfr=prefix} records JFR profiles (settings "profile") of the
 * Java sequential HTTP phase and the in-flight phase to {@code prefix-sequential.jfr}, {@code prefix-in-flight.jfr}; {@code -Dbench.streams.<kafka streams config>=value} overrides a Streams
 * setting of the risk topology; {@code -Dsupervisor.gateway.*} settings reach the gateway;
 * {@code -Dbench.ab="--supervisor.gateway.x=y ..."} instead compares a second gateway with those
 * arguments against the defaults, alternately in one JVM ({@code -Dbench.abRounds}, 4);
 * {@code -Dbench.flightOnly=N} skips the other phases and measures N in-flight rounds after the warm-up
 * (for trying a setting quickly; the targets need the full run).
 */
public final class HttpEndToEndBench {

    private static final String RAW_TOPIC = "bench.raw-loop";
    private static final String PATH = "/api/v1/risk/evaluate";
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final int JAVA_IN_FLIGHT_REQUESTS = 30_000;
    private static double idleCores;

    public static void main(String[] args) throws Exception {
        int seconds = arg(args, 0, 20);
        int connections = arg(args, 1, 64);
        int samples = arg(args, 2, 5_000);
        int maxWarmup = arg(args, 3, 300);
        int botCount = arg(args, 4, 64);
        GeneratedClasses.trust();
        Path dir = Path.of("target", "bench-e2e-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        try (BenchKafka kafka = BenchKafka.fromSystemProperty(dir)) {
            kafka.createTopic(RAW_TOPIC, Topics.PARTITIONS);
            // Wall-clock event times over HTTP: reservations expire after 1 s and the submit-rate limit
            // is out of the way, so orders keep passing every check instead of piling up denials.
            KafkaLatencyBench.publishLimits(kafka.client(ServiceAccount.RISK_STREAM), 1_000_000, 1_000_000);
            KafkaStreams streams = KafkaLatencyBench.startRiskStreams(kafka.client(ServiceAccount.RISK_STREAM),
                    ServiceAccount.RISK_STREAM.streamsApplicationId().orElseThrow(), kafka.streamsReplication(), dir.resolve("streams"), 1,
                    new BookSettings(Duration.ofSeconds(1), MismatchPolicy.TRUST_FILLS, 1e-9, ZoneId.of("UTC")));
            List<String[]> bots = new ArrayList<>();
            List<String> gatewayArgs = new ArrayList<>(kafka.springArguments(ServiceAccount.GATEWAY));
            gatewayArgs.addAll(List.of("--server.port=0",
                    "--supervisor.gateway.limits.requests-per-second=1000000", "--logging.level.root=WARN",
                    "--logging.structured.format.console=",
                    "--supervisor.gateway.security.operator-token=" + UUID.randomUUID(),
                    "--supervisor.gateway.security.viewer-token=" + UUID.randomUUID()));
            for (int i = 0; i < botCount; i++) {
                String[] bot = {"bench-bot-" + i, "bench-token-" + UUID.randomUUID()};
                bots.add(bot);
                String prefix = "--supervisor.gateway.security.tokens[" + i + "].";
                gatewayArgs.addAll(List.of(prefix + "name=" + bot[0], prefix + "role=BOT", prefix + "token=" + bot[1],
                        prefix + "bot-id=" + bot[0], prefix + "requests-per-second=1000000"));
            }
            try (ConfigurableApplicationContext gateway = SpringApplication.run(GatewayApplication.class, gatewayArgs.toArray(String[]::new))) {
                int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
                String url = "http://127.0.0.1:" + port + PATH;
                System.out.printf("HttpEndToEndBench on the %s: %d cores, %s; %d s per wrk phase, %d connections, %d sequential samples, "
                        + "at most %d s warm-up, %d bots; gateway producer linger.ms %s, order-check timeout %s; JVM %s%n",
                        kafka.describe(), Runtime.getRuntime().availableProcessors(), load(), seconds, connections, samples, maxWarmup, botCount,
                        gateway.getEnvironment().getProperty("supervisor.gateway.producer.linger-ms", "module default"),
                        gateway.getEnvironment().getProperty("supervisor.gateway.order-check.timeout", "module default"),
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
                String ab = System.getProperty("bench.ab");
                if (ab != null && !ab.isBlank()) {
                    List<String> argsB = new ArrayList<>(gatewayArgs);
                    argsB.addAll(List.of(ab.trim().split("\\s+")));
                    try (ConfigurableApplicationContext gatewayB = SpringApplication.run(GatewayApplication.class, argsB.toArray(String[]::new))) {
                        abCompare(dir, bots, gateway, gatewayB, ab.trim(), connections, maxWarmup, Integer.getInteger("bench.abRounds", 4));
                    }
                    return;
                }
                try (Wrk wrk = new Wrk(dir, url, bots)) {
                    warmUp(wrk, connections, maxWarmup);
                    idle();
                    int flightOnly = Integer.getInteger("bench.flightOnly", 0);
                    if (flightOnly > 0) {
                        for (int round = 1; round <= flightOnly; round++) {
                            wrkPhase(wrk, "HTTP in flight (wrk) round " + round, connections, seconds);
                        }
                        return;
                    }
                    Phase rawSeq;
                    Phase rawFlight;
                    try (RawLoopClient raw = new RawLoopClient(kafka.admin(), RAW_TOPIC, 220)) {
                        rawSeq = javaSequential("baseline raw produce->consume", raw, samples);
                        rawFlight = javaInFlight("baseline raw produce->consume", raw, connections);
                    }
                    Phase kafkaSeq;
                    Phase kafkaFlight;
                    try (KafkaCheckClient checks = new KafkaCheckClient(kafka.client(ServiceAccount.GATEWAY), 16, "kafka-bench-bot-")) {
                        kafkaSeq = javaSequential("Kafka request/reply (no HTTP)", checks, samples);
                        kafkaFlight = javaInFlight("Kafka request/reply (no HTTP)", checks, connections);
                    }
                    Phase httpSeq = httpSequential("HTTP sequential (Java client)", port, bots, 2_000, samples,
                            gateway.getBean(MeterRegistry.class));
                    Phase wrkSeq = wrkPhase(wrk, "HTTP sequential (wrk, 1 conn)", 1, seconds);
                    // The baseline clients above run in this JVM and share the Kafka client classes with the
                    // gateway: the JIT recompiles for them. Warm the in-flight load up again before measuring it.
                    System.out.println("warm-up again for the in-flight phase:");
                    warmUp(wrk, connections, maxWarmup);
                    Phase httpFlight = wrkPhase(wrk, "HTTP in flight (wrk)", connections, seconds);
                    summary(rawSeq, rawFlight, kafkaSeq, kafkaFlight, httpSeq, wrkSeq, httpFlight, connections);
                    System.out.printf("E2E-RESULT kafka=%s http_seq_p50_ms=%.3f http_seq_p99_ms=%.3f flight_per_s=%.0f flight_p99_ms=%.3f "
                            + "flight_cpu_us=%.0f kafka_seq_p50_ms=%.3f kafka_flight_per_s=%.0f raw_seq_p50_ms=%.3f raw_flight_per_s=%.0f%n",
                            System.getProperty("bench.kafka", "single"), httpSeq.p50Ms(), httpSeq.p99Ms(), httpFlight.perSecond(),
                            httpFlight.p99Ms(), httpFlight.cpuMicrosPerCheck(), kafkaSeq.p50Ms(), kafkaFlight.perSecond(), rawSeq.p50Ms(),
                            rawFlight.perSecond());
                }
            } finally {
                streams.close(Duration.ofSeconds(10));
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** One measured phase: latency, rate, answers, and this JVM's CPU over it. */
    record Phase(String name, long checks, double perSecond, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
            Map<String, Long> answers, CpuMeter.Usage cpu, String load, double meanMs) {

        long notOk() {
            return answers.entrySet().stream().filter(e -> !e.getKey().equals("OK") && !e.getKey().equals("echo"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        double cpuMicrosPerCheck() {
            return cpu.cpuMicrosPer(checks);
        }

        /** CPU per check minus what the JVM burns without requests (pollers, timers), over the same time. */
        double cpuAboveIdleMicrosPerCheck() {
            return (cpu.processCpuNanos() - idleCores * cpu.seconds() * 1e9) / 1e3 / checks;
        }

        void print() {
            System.out.printf("%-44s %8d checks %8.0f /s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  "
                    + "answers %s%n    JVM CPU %.0f us/check (%.0f above idle; %.2f cores), GC %d (%d ms), JIT %d ms; load %s; "
                    + "CPU by thread per check:%s%n",
                    name, checks, perSecond, p50Ms, p90Ms, p99Ms, p999Ms, maxMs, answers, cpuMicrosPerCheck(), cpuAboveIdleMicrosPerCheck(),
                    cpu.processCpuNanos() / 1e9 / cpu.seconds(), cpu.gcCount(), cpu.gcMillis(), cpu.jitMillis(), load,
                    cpu.breakdown(checks, 9));
        }
    }

    private static void idle() throws InterruptedException {
        CpuMeter.Snapshot before = CpuMeter.snapshot();
        Thread.sleep(5_000);
        CpuMeter.Usage idle = CpuMeter.between(before, CpuMeter.snapshot());
        idleCores = idle.processCpuNanos() / 1e9 / idle.seconds();
        System.out.printf("idle after warm-up (broker + risk-stream + gateway, no requests): JVM CPU %.2f s in %.1f s (%.3f cores); load %s%n",
                idle.processCpuNanos() / 1e9, idle.seconds(), idleCores, load());
    }

    /**
     * 64-connection rounds of 10 s until two consecutive rates are within 5% of each other and the round
     * spent under 1 s compiling, or {@code maxSeconds} spent: measuring before that measures the JIT compiler.
     */
    private static void warmUp(Wrk wrk, int connections, int maxSeconds) throws IOException, InterruptedException {
        double previous = 0;
        for (int spent = 0; spent < maxSeconds; spent += 10) {
            CpuMeter.Snapshot before = CpuMeter.snapshot();
            Wrk.Result r = wrk.run("warm-up", 1, connections, Math.min(10, maxSeconds - spent));
            CpuMeter.Usage cpu = CpuMeter.between(before, CpuMeter.snapshot());
            System.out.printf("warm-up %3d s: %7.0f checks/s, p50 %6.2f ms, p99 %7.2f ms, JVM CPU %5.0f us/check, JIT compile %5d ms, "
                    + "GC %d ms, answers %s, load %s%n", spent + 10, r.perSecond(), r.p50Ms(), r.p99Ms(), cpu.cpuMicrosPer(r.requests()),
                    cpu.jitMillis(), cpu.gcMillis(), r.codes(), load());
            // Stable: two consecutive rates within 5%, and the JIT compiler busy for under 10% of the round.
            if (previous > 0 && Math.abs(r.perSecond() - previous) <= 0.05 * previous && cpu.jitMillis() < 1_000) {
                return;
            }
            previous = r.perSecond();
        }
        System.out.printf("warm-up: rate not stable after %d s; measuring anyway%n", maxSeconds);
    }

    private static Phase javaSequential(String name, CheckClient client, int samples) throws Exception {
        LatencyDriver.sequential(client, 0, 2_000, 1);
        String load = load();
        CpuMeter.Snapshot before = CpuMeter.snapshot();
        LatencyDriver.Sequential s = LatencyDriver.sequential(client, 2_001, 0, samples);
        CpuMeter.Usage cpu = CpuMeter.between(before, CpuMeter.snapshot());
        Phase phase = new Phase(name + " sequential", samples, samples / cpu.seconds(), s.p50Ms(), s.p90Ms(), s.p99Ms(), s.p999Ms(),
                s.maxMs(), Map.of(), cpu, load, s.meanMs());
        phase.print();
        return phase;
    }

    private static Phase javaInFlight(String name, CheckClient client, int inFlight) throws Exception {
        LatencyDriver.inFlight(client, 1_000_000, 5_000, inFlight);
        String load = load();
        CpuMeter.Snapshot before = CpuMeter.snapshot();
        LatencyDriver.InFlight f = LatencyDriver.inFlight(client, 2_000_000, JAVA_IN_FLIGHT_REQUESTS, inFlight);
        CpuMeter.Usage cpu = CpuMeter.between(before, CpuMeter.snapshot());
        Map<String, Long> answers = new TreeMap<>();
        f.answers().forEach((k, v) -> answers.put(k, (long) v));
        Phase phase = new Phase(name + " " + inFlight + " in flight", f.requests(), f.perSecond(), f.p50Ms(), Double.NaN, f.p99Ms(),
                Double.NaN, Double.NaN, answers, cpu, load, Double.NaN);
        phase.print();
        return phase;
    }

    /** The bot's call, one at a time on one keep-alive connection; every answer's code is checked. */
    private static Phase httpSequential(String name, int port, List<String[]> bots, int warm, int samples, MeterRegistry gatewayMeters)
            throws Exception {
        try (BlockingHttpClient http = new BlockingHttpClient("127.0.0.1", port)) {
            Map<String, Long> warmAnswers = new TreeMap<>();
            for (int i = 0; i < warm; i++) {
                warmAnswers.merge(code(http, bots, -1 - i), 1L, Long::sum);
            }
            String load = load();
            Recording jfr = startJfr("sequential");
            Timer inner = gatewayMeters.find("gateway.order.check.latency").tag("outcome", "allowed").timer();
            long innerCount = inner == null ? 0 : inner.count();
            double innerTotal = inner == null ? 0 : inner.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
            long[] nanos = new long[samples];
            Map<String, Long> answers = new TreeMap<>();
            CpuMeter.Snapshot before = CpuMeter.snapshot();
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                String code = code(http, bots, i);
                nanos[i] = System.nanoTime() - start;
                answers.merge(code, 1L, Long::sum);
            }
            CpuMeter.Usage cpu = CpuMeter.between(before, CpuMeter.snapshot());
            stopJfr(jfr);
            LatencyDriver.Sequential s = LatencyDriver.Sequential.of(nanos);
            Phase phase = new Phase(name, samples, samples / cpu.seconds(), s.p50Ms(), s.p90Ms(), s.p99Ms(),
                    s.p999Ms(), s.maxMs(), answers, cpu, load, s.meanMs());
            phase.print();
            if (inner != null && inner.count() > innerCount) {
                double innerMean = (inner.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) - innerTotal) / (inner.count() - innerCount) / 1e6;
                System.out.printf("    mean %.2f ms seen by the client, of which %.2f ms inside the gateway's order-check handler "
                        + "(produce -> decision -> answer built) and %.2f ms HTTP, security, JSON and response write%n",
                        s.meanMs(), innerMean, s.meanMs() - innerMean);
            }
            if (!warmAnswers.isEmpty() && !warmAnswers.keySet().equals(java.util.Set.of("OK"))) {
                System.out.printf("    warm-up answers: %s%n", warmAnswers);
            }
            return phase;
        }
    }

    private static String code(BlockingHttpClient http, List<String[]> bots, int i) throws IOException {
        String[] bot = bots.get(Math.floorMod(i, bots.size()));
        String body = "{\"bot_id\":\"" + bot[0] + "\",\"symbol\":\"BTCUSDT\",\"side\":\"" + (i % 2 == 0 ? "BUY" : "SELL")
                + "\",\"order_type\":\"LIMIT\",\"quantity\":0.01,\"price\":60000.0,\"client_order_id\":\"j-" + i + "\"}";
        BlockingHttpClient.Response r = http.post(PATH, bot[1], body);
        Matcher m = CODE.matcher(r.body());
        return r.status() == 200 && m.find() ? m.group(1) : "HTTP_" + r.status();
    }

    private static Phase wrkPhase(Wrk wrk, String name, int connections, int seconds) throws Exception {
        String load = load();
        Recording jfr = connections > 1 ? startJfr("in-flight") : null;
        CpuMeter.Snapshot before = CpuMeter.snapshot();
        Wrk.Result r = wrk.run(name, 1, connections, seconds);
        CpuMeter.Usage cpu = CpuMeter.between(before, CpuMeter.snapshot());
        stopJfr(jfr);
        Map<String, Long> answers = new TreeMap<>(r.codes());
        if (r.socketErrors() > 0) {
            answers.put("SOCKET_ERROR", r.socketErrors());
        }
        Phase phase = new Phase(name + (connections > 1 ? " " + connections + " conns" : ""), r.requests(), r.perSecond(), r.p50Ms(),
                r.p90Ms(), r.p99Ms(), r.p999Ms(), r.maxMs(), answers, cpu, load, r.meanMs());
        phase.print();
        return phase;
    }

    /**
     * {@code -Dbench.ab="--some.gateway.setting=value ..."}: A/B of a gateway setting in one JVM. Gateway A
     * has the defaults, gateway B the same plus the given arguments; both share the broker and the
     * risk topology and are measured alternately (A B, B A, ...), so load on the machine and JIT drift
     * hit both alike. Per round: 1,000 sequential checks (Java client) and 10 s of 64-connection wrk.
     */
    private static void abCompare(Path dir, List<String[]> bots, ConfigurableApplicationContext a, ConfigurableApplicationContext b,
            String abArgs, int connections, int maxWarmup, int rounds) throws Exception {
        int portA = ((WebServerApplicationContext) a).getWebServer().getPort();
        int portB = ((WebServerApplicationContext) b).getWebServer().getPort();
        Path dirA = Files.createDirectories(dir.resolve("wrk-a"));
        Path dirB = Files.createDirectories(dir.resolve("wrk-b"));
        System.out.printf("A/B: gateway A (defaults) on %d, gateway B (%s) on %d; %d rounds%n", portA, abArgs, portB, rounds);
        List<Phase> seqA = new ArrayList<>();
        List<Phase> seqB = new ArrayList<>();
        List<Phase> flightA = new ArrayList<>();
        List<Phase> flightB = new ArrayList<>();
        try (Wrk wrkA = new Wrk(dirA, "http://127.0.0.1:" + portA + PATH, bots);
                Wrk wrkB = new Wrk(dirB, "http://127.0.0.1:" + portB + PATH, bots)) {
            double prevA = 0;
            double prevB = 0;
            for (int spent = 0; spent < maxWarmup; spent += 20) {
                long jit = CpuMeter.jitMillis();
                double rateA = wrkA.run("warm-up A", 1, connections, 10).perSecond();
                double rateB = wrkB.run("warm-up B", 1, connections, 10).perSecond();
                jit = CpuMeter.jitMillis() - jit;
                System.out.printf("warm-up %3d s: A %6.0f/s, B %6.0f/s, JIT %d ms, load %s%n", spent + 20, rateA, rateB, jit, load());
                if (prevA > 0 && Math.abs(rateA - prevA) <= 0.05 * prevA && Math.abs(rateB - prevB) <= 0.05 * prevB && jit < 2_000) {
                    break;
                }
                prevA = rateA;
                prevB = rateB;
            }
            idle();
            for (int r = 0; r < rounds; r++) {
                boolean aFirst = r % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    boolean isA = aFirst == (k == 0);
                    (isA ? seqA : seqB).add(httpSequential("seq " + (isA ? "A" : "B") + " round " + (r + 1), isA ? portA : portB, bots,
                            200, 1_000, (isA ? a : b).getBean(MeterRegistry.class)));
                }
                for (int k = 0; k < 2; k++) {
                    boolean isA = aFirst == (k == 0);
                    (isA ? flightA : flightB).add(wrkPhase(isA ? wrkA : wrkB, "in flight " + (isA ? "A" : "B") + " round " + (r + 1),
                            connections, 10));
                }
            }
        }
        System.out.println();
        System.out.printf("== A/B summary, medians over %d rounds (A defaults, B %s); load at the end %s%n", rounds, abArgs, load());
        System.out.printf("%-28s %10s %10s %8s%n", "", "A", "B", "B/A");
        abRow("sequential p50 ms", seqA, seqB, Phase::p50Ms);
        abRow("sequential p99 ms", seqA, seqB, Phase::p99Ms);
        abRow("sequential mean ms", seqA, seqB, Phase::meanMs);
        abRow("sequential us CPU/check", seqA, seqB, Phase::cpuMicrosPerCheck);
        abRow("in flight checks/s", flightA, flightB, Phase::perSecond);
        abRow("in flight p50 ms", flightA, flightB, Phase::p50Ms);
        abRow("in flight p99 ms", flightA, flightB, Phase::p99Ms);
        abRow("in flight us CPU/check", flightA, flightB, Phase::cpuMicrosPerCheck);
        abRow("in flight GC ms per 10k", flightA, flightB, p -> p.cpu().gcMillis() * 1e4 / p.checks());
        boolean allOk = Stream.of(seqA, seqB, flightA, flightB).flatMap(List::stream).allMatch(p -> p.notOk() == 0);
        System.out.printf("answers all OK: %s%n", allOk ? "yes" : "NO (see answers above)");
    }

    private static void abRow(String name, List<Phase> a, List<Phase> b, java.util.function.ToDoubleFunction<Phase> f) {
        double ma = median(a.stream().mapToDouble(f).toArray());
        double mb = median(b.stream().mapToDouble(f).toArray());
        System.out.printf("%-28s %10.2f %10.2f %8.3f%n", name, ma, mb, mb / ma);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void summary(Phase rawSeq, Phase rawFlight, Phase kafkaSeq, Phase kafkaFlight, Phase httpSeq, Phase wrkSeq,
            Phase httpFlight, int connections) {
        System.out.println();
        System.out.println("== summary (load average 1/5/15 min at the end: " + load() + ")");
        System.out.printf("%-44s %8s %8s %8s %10s %12s %16s%n", "", "p50 ms", "p99 ms", "checks/s", "us CPU/ck", "above idle",
                "load at start");
        for (Phase p : List.of(rawSeq, kafkaSeq, httpSeq, wrkSeq, rawFlight, kafkaFlight, httpFlight)) {
            System.out.printf("%-44s %8.2f %8.2f %8.0f %10.0f %12.0f %16s%n", p.name(), p.p50Ms(), p.p99Ms(), p.perSecond(),
                    p.cpuMicrosPerCheck(), p.cpuAboveIdleMicrosPerCheck(), p.load());
        }
        System.out.printf("sequential means: raw %.2f ms, Kafka request/reply %.2f ms, HTTP (Java client) %.2f ms%n",
                rawSeq.meanMs(), kafkaSeq.meanMs(), httpSeq.meanMs());
        System.out.printf("ratio HTTP/raw: sequential p50 %.2fx, p99 %.2fx; %d in flight: throughput %.2fx, p99 %.2fx%n",
                httpSeq.p50Ms() / rawSeq.p50Ms(), httpSeq.p99Ms() / rawSeq.p99Ms(), connections,
                httpFlight.perSecond() / rawFlight.perSecond(), httpFlight.p99Ms() / rawFlight.p99Ms());
        System.out.printf("ratio Kafka request/reply/raw: sequential p50 %.2fx, p99 %.2fx; %d in flight: throughput %.2fx, p99 %.2fx%n",
                kafkaSeq.p50Ms() / rawSeq.p50Ms(), kafkaSeq.p99Ms() / rawSeq.p99Ms(), connections,
                kafkaFlight.perSecond() / rawFlight.perSecond(), kafkaFlight.p99Ms() / rawFlight.p99Ms());
        boolean allOk = Stream.of(kafkaSeq, httpSeq, wrkSeq, kafkaFlight, httpFlight).allMatch(p -> p.notOk() == 0);
        System.out.printf("answers all OK: %s%n", allOk ? "yes" : "NO (see answers above)");
        System.out.printf("target sequential p50 <= 3 ms and p99 <= 15 ms (Java client): %s%n",
                httpSeq.p50Ms() <= 3 && httpSeq.p99Ms() <= 15 && httpSeq.notOk() == 0 ? "MET" : "NOT MET");
        System.out.printf("target %d in flight >= 5,000 checks/s with p99 <= 50 ms (wrk): %s%n", connections,
                httpFlight.perSecond() >= 5_000 && httpFlight.p99Ms() <= 50 && httpFlight.notOk() == 0 ? "MET" : "NOT MET");
    }

    /** {@code -Dbench.jfr=prefix}: a JFR recording (settings "profile") of the phase, to {@code prefix-<phase>.jfr}. */
    private static Recording startJfr(String phase) throws IOException, java.text.ParseException {
        String prefix = System.getProperty("bench.jfr");
        if (prefix == null || prefix.isBlank()) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName(phase);
        recording.setDestination(Path.of(prefix + "-" + phase + ".jfr"));
        recording.start();
        return recording;
    }

    private static void stopJfr(Recording recording) throws IOException {
        if (recording != null) {
            recording.stop();
            System.out.printf("    JFR profile of this phase: %s%n", recording.getDestination());
            recording.close();
        }
    }

    /** Load average over 1, 5 and 15 minutes, from /proc/loadavg. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is under target/
        }
    }

    private HttpEndToEndBench() {
    }
}
