package com.quantumedge.supervisor.bench.agent;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.util.unit.DataSize;

import com.quantumedge.supervisor.agent.ProcessAgent;
import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.agent.config.BotSpec;
import com.quantumedge.supervisor.agent.config.RestartSettings;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.simbot.SimBot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Crash-restart cycle of a sim-bot that crashes as soon as it runs: start-to-start period under
 * the process agent (zero backoff, so only the mechanism is measured: exit notification, the bot's
 * thread, pid file, status reports, spawn) against a bare loop that waits for the process and
 * spawns the next one at once. Both spawn the same child; the baseline runs first, then the agent.
 *
 * <p>Args: restarts per side [30], warm-up restarts per side [3], child [jvm] or {@code sh} for a shell
 * that exits at once (isolates the agent's own cost from JVM start-up).
 */
public final class AgentRestartBench {

    public static void main(String[] args) throws Exception {
        int restarts = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = moduleTarget().resolve("agent-bench-" + UUID.randomUUID().toString().substring(0, 8));
        boolean shellChild = args.length > 2 && args[2].equals("sh");
        // The sim-bot JVM is the real workload; a shell that exits at once isolates the agent's own cost.
        List<String> child = shellChild ? List.of("/bin/sh", "-c", "exit 1 # {bot_id}")
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", simBotJar(), SimBot.class.getName(),
                        "--gateway", "http://127.0.0.1:9", "--bot-id", "{bot_id}", "--mode", "crash",
                        "--crash-after-s", "0", "--order-ms", "0");

        List<Long> baseline = periods(bareLoop(child, work.resolve("bare.log"), warmup + restarts + 1), warmup);

        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"))) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
            }
            String botId = "bench-bot";
            BotSpec bot = new BotSpec(botId, child, null, Map.of(), work.resolve("logs"), "paper", List.of(), true, true,
                    Duration.ofSeconds(5), DataSize.ofMegabytes(10), 2);
            RestartSettings noBackoff = new RestartSettings(Duration.ZERO, 1.0, Duration.ZERO, 100_000,
                    Duration.ofSeconds(1), Duration.ofHours(1));
            AgentProperties props = new AgentProperties("bench", work.resolve("agent"), Duration.ofSeconds(5),
                    Duration.ofMinutes(10), false, true, 100_000, noBackoff, List.of(bot), Map.of());
            List<Long> starts;
            try (ProcessAgent agent = new ProcessAgent(props, broker.bootstrapServers(), new SimpleMeterRegistry())) {
                agent.start();
                starts = awaitStarts(broker.bootstrapServers(), botId, warmup + restarts + 1);
            }
            List<Long> agentPeriods = periods(starts, warmup);
            report(restarts, shellChild ? "/bin/sh -c 'exit 1'" : "sim-bot --mode crash --crash-after-s 0", baseline,
                    agentPeriods);
        }
    }

    /** Spawn, wait for exit, spawn again: the fastest possible restart of this child. */
    private static List<Long> bareLoop(List<String> command, Path log, int runs) throws Exception {
        Files.createDirectories(log.getParent());
        List<String> resolved = command.stream().map(a -> a.replace("{bot_id}", "bare-bot")).toList();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(resolved).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            starts.add(System.currentTimeMillis());
            p.waitFor();
        }
        return starts;
    }

    /** Start times (ts_ms of the agent's "started pid" reports) read back from the status topic. */
    private static List<Long> awaitStarts(String bootstrap, String botId, int count) {
        List<Long> starts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.PARTITIONS; p++) {
                partitions.add(new TopicPartition(Topics.AGENT_STATUS.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (starts.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    AgentStatus s = Topics.AGENT_STATUS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (botId.equals(s.getBotId()) && s.getKind() == AgentStatusKind.PROCESS_STATE
                            && s.getProcessState() == ProcessState.RUNNING && s.getMessage().startsWith("started pid")) {
                        starts.add(s.getTsMs());
                    }
                }
            }
        }
        if (starts.size() < count) {
            throw new IllegalStateException("only " + starts.size() + " of " + count + " starts observed");
        }
        return starts.subList(0, count);
    }

    private static List<Long> periods(List<Long> starts, int warmup) {
        List<Long> periods = new ArrayList<>();
        for (int i = warmup + 1; i < starts.size(); i++) {
            periods.add(starts.get(i) - starts.get(i - 1));
        }
        return periods;
    }

    private static void report(int restarts, String child, List<Long> baseline, List<Long> agent) {
        long b50 = percentile(baseline, 50);
        long a50 = percentile(agent, 50);
        System.out.printf("restarts per side: %d (child: %s)%n", restarts, child);
        System.out.printf("%-28s p50 %5d ms  p90 %5d ms  max %5d ms%n", "baseline (bare spawn loop)", b50,
                percentile(baseline, 90), Collections.max(baseline));
        System.out.printf("%-28s p50 %5d ms  p90 %5d ms  max %5d ms%n", "process-agent (0 backoff)", a50,
                percentile(agent, 90), Collections.max(agent));
        System.out.printf("ratio agent/baseline (p50): %.2f; agent overhead per restart (p50 difference): %d ms%n",
                (double) a50 / b50, a50 - b50);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** This module's target/ (the parent of target/classes), wherever the bench is started from. */
    private static Path moduleTarget() throws URISyntaxException {
        return Path.of(AgentRestartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private static String simBotJar() throws URISyntaxException {
        return Path.of(SimBot.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
