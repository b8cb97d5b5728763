package com.quantumedge.supervisor.bench.gatewayload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;


/**
 * Heartbeat ingest at a fixed number of connections, everything in this JVM on this machine: a real
 * KRaft broker and the gateway (security, validation, Avro, acks=all produce) in this JVM, the load
 * driver {@code wrk} (Debian package) as a child process. Baselines measured in
 * the same run: GET liveness over the same connections (the HTTP stack without Kafka) and a raw
 * Kafka produce loop of the same records with the same in-flight bound (Kafka without HTTP).
 *
 * <p>Arguments: {@code [connections=64] [seconds=20] [maxWarmupSeconds=300]}.
 */
public final class GatewayLoadBench {

    private static final String BOT = "bench-bot";
    /** One wrk thread: on two cores the driver should take as little CPU from the gateway as it can. */
    private static final int WRK_THREADS = Integer.getInteger("bench.wrkThreads", 1);

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path dir = Path.of("target", "bench-kafka-" + UUID.randomUUID()).toAbsolutePath();
        String token = "bench-token-" + UUID.randomUUID();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
            }
            try (ConfigurableApplicationContext gateway = SpringApplication.run(GatewayApplication.class,
                    "--server.port=0", "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--logging.structured.format.console=", "--logging.level.root=WARN",
                    "--supervisor.gateway.security.bot-token=" + token, "--supervisor.gateway.security.bot-id=" + BOT,
                    "--supervisor.gateway.security.viewer-token=viewer-" + token,
                    "--supervisor.gateway.limits.requests-per-second=10000000")) {
                int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
                String base = "http://127.0.0.1:" + port;

                if (Boolean.getBoolean("bench.hold")) {
                    holdForProfiling(base, token);
                    return;
                }
                System.out.printf("gateway-load: %d connections, %d s per phase, at most %d s warm-up, %d cores%n",
                        connections, seconds, warmup, Runtime.getRuntime().availableProcessors());
                long idleCpu = processCpuNanos();
                Thread.sleep(5_000);
                System.out.printf("%-28s JVM CPU %.2f s in 5 s without requests%n", "idle (broker + gateway)",
                        (processCpuNanos() - idleCpu) / 1e9);
                warmUp(base + "/api/v1/heartbeat", token, connections, warmup);
                LatencyRecorder.Summary floor;
                try (BareHttpServer bare = BareHttpServer.start()) {
                    wrk("warm-up bare HTTP", bare.url(), token, connections, 10);
                    floor = wrk("baseline bare Reactor Netty", bare.url(), token, connections, seconds);
                }
                LatencyRecorder.Summary heartbeat = wrk("POST /api/v1/heartbeat", base + "/api/v1/heartbeat", token, connections, seconds);
                GatewayProperties.Producer producerSettings = gateway.getBean(GatewayProperties.class).producer();
                LatencyRecorder.Summary produce = rawProduce(broker.bootstrapServers(), producerSettings, connections, seconds);

                System.out.println();
                System.out.println(floor);
                System.out.println(heartbeat);
                System.out.println(produce);
                System.out.printf("ratio heartbeat/bare-HTTP throughput: %.2f, heartbeat/raw-produce throughput: %.2f%n",
                        heartbeat.perSecond() / floor.perSecond(), heartbeat.perSecond() / produce.perSecond());
                System.out.printf("target heartbeat >= 20000/s and p99 <= 20 ms: %s%n",
                        heartbeat.perSecond() >= 20_000 && heartbeat.p99Ms() <= 20 && heartbeat.errors() == 0 ? "MET" : "NOT MET");
            }
        }
    }

    /**
     * Heartbeat phases of 10 s until the JIT has caught up: two consecutive rates within 5% of each
     * other, or {@code maxSeconds} spent. With the broker, Kafka clients and the whole Spring stack in
     * one JVM on two cores, the single C2 compiler thread needs minutes, not seconds, to compile the
     * hot paths; measuring before that measures the compiler.
     */
    private static void warmUp(String url, String token, int connections, int maxSeconds) throws IOException, InterruptedException {
        double previous = 0;
        for (int spent = 0; spent < maxSeconds; spent += 10) {
            long compileBefore = compileMillis();
            double rate = wrk("warm-up heartbeat", url, token, connections, Math.min(10, maxSeconds - spent)).perSecond();
            System.out.printf("%-28s JIT compile time %d ms in this phase%n", "warm-up", compileMillis() - compileBefore);
            if (previous > 0 && Math.abs(rate - previous) <= 0.05 * previous) {
                return;
            }
            previous = rate;
        }
    }

    private static long compileMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** {@code -Dbench.hold=true}: print the URL and token and keep the gateway up, to drive and profile it by hand. */
    private static void holdForProfiling(String base, String token) throws InterruptedException {
        System.out.printf("holding gateway at %s (bot token %s); stop with Ctrl-C%n", base, token);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** One HTTP phase driven by wrk (C, closed loop, one request in flight per connection). */
    private static LatencyRecorder.Summary wrk(String name, String url, String token, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile(Path.of("target"), "heartbeat", ".lua");
        try (InputStream in = GatewayLoadBench.class.getResourceAsStream("/heartbeat.lua")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + WRK_THREADS, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "5s", "--latency"));
        if (token != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long cpuBefore = processCpuNanos();
        long childCpuBefore = ChildCpu.reapedChildrenNanos();
        if (token != null) {
            builder.environment().put("TOKEN", token);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        long cpu = processCpuNanos() - cpuBefore;
        long wrkCpu = ChildCpu.reapedChildrenNanos() - childCpuBefore;
        Files.deleteIfExists(script);
        LatencyRecorder.Summary summary = WrkOutput.parse(name, output);
        System.out.println(summary);
        printCpu(name, cpu, summary.requests());
        System.out.printf("%-28s wrk CPU %.1f s, %.0f us per request%n", name, wrkCpu / 1e9,
                summary.requests() == 0 ? Double.NaN : wrkCpu / 1e3 / summary.requests());
        return summary;
    }

    /** The same records through a plain producer with the gateway's settings and the same number in flight. */
    private static LatencyRecorder.Summary rawProduce(String bootstrap, GatewayProperties.Producer settings, int inFlight, int seconds)
            throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(20_000_000);
        Semaphore permits = new Semaphore(inFlight);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, settings.ingestLingerMs(), ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression()),
                new StringSerializer(), new ByteArraySerializer())) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long started = System.nanoTime();
            long cpuBefore = processCpuNanos();
            while (System.nanoTime() < end) {
                permits.acquire();
                long t0 = System.nanoTime();
                Heartbeat hb = heartbeat();
                byte[] bytes = Topics.HEARTBEATS.valueSerde().serializer().serialize(Topics.HEARTBEATS.name(), hb);
                producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), BOT, bytes), (m, e) -> {
                    recorder.record(System.nanoTime() - t0, e == null);
                    permits.release();
                });
            }
            permits.acquire(inFlight);
            LatencyRecorder.Summary summary = recorder.summarize("baseline raw Kafka produce", System.nanoTime() - started);
            System.out.println(summary);
            printCpu("baseline raw Kafka produce", processCpuNanos() - cpuBefore, summary.requests());
            return summary;
        }
    }

    /** CPU of this JVM (broker + gateway, not wrk): independent of what else competes for the cores. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void printCpu(String name, long cpuNanos, int requests) {
        System.out.printf("%-28s JVM CPU %.1f s, %.0f us per request%n", name, cpuNanos / 1e9,
                requests == 0 ? Double.NaN : cpuNanos / 1e3 / requests);
    }

    private static Heartbeat heartbeat() {
        long now = System.currentTimeMillis();
        return Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(now)
                .setUptimeS(3600.5).setEquity(10250.75).setRealizedPnlToday(125.5).setTradingDay("2026-11-24")
                .setPositions(java.util.List.of(PositionReport.newBuilder().setSymbol("BTCUSDT").setQty(-0.25)
                        .setAvgPrice(97000.0).setMarkPrice(96500.0).build()))
                .setOpenOrderCount(2).setMode("live").setVersion("3.4.1").setReceivedTsMs(now).build();
    }
}
