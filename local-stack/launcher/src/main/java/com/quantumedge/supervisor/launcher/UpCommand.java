package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;

/** Runs the local stack in the foreground until interrupted (SIGINT/SIGTERM, or {@code ./supervisor down}). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack in this process: broker, topics and services (or, with --env-dir, the services "
                + "on an existing cluster), and Prometheus and Alertmanager when installed. Prints one line starting with READY when it serves, and writes <home>/local.env.")
final class UpCommand implements Runnable {

    private static final int PREFERRED_GATEWAY_PORT = 8080;

    @Option(names = "--home", description = "Runtime directory (default: $SUPERVISOR_HOME or .supervisor)")
    Path home;

    @Option(names = "--demo", description = "Also run a process agent with a simulated bot trading through the gateway")
    boolean demo;

    @Option(names = "--demo-behaviour", defaultValue = "normal",
            description = "The simulated bot's behaviour: normal, crash, hang, slow-start, exit (default: ${DEFAULT-VALUE})")
    String demoBehaviour;

    @Option(names = "--gateway-port", description = "Gateway HTTP port (default: the last run's, else 8080 if free, else any free port)")
    Integer gatewayPort;

    @Option(names = "--no-clickhouse", description = "Run without ClickHouse and the tsdb-sink even when ClickHouse is installed")
    boolean noClickHouse;

    @Option(names = "--no-alerts", description = "Run without Prometheus, Alertmanager and the local alert receiver even when installed")
    boolean noAlerts;

    @Option(names = "--env-dir", paramLabel = "DIR",
            description = "Connect to an existing Kafka cluster instead of starting a broker: no topic provisioning; each service "
                    + "gets the environment it has in production, DIR/common.env then DIR/<service>.env (ingest-gateway, risk-stream, "
                    + "policy-service, process-agent, tsdb-sink), as in /etc/qe-supervisor (deploy/production). Without --demo, the "
                    + "process agent runs only if DIR/process-agent.env exists (default: none, local broker)")
    Path envDir;

    @Option(names = "--sim-bot-jar", description = "The sim-bot jar for --demo (default: $SUPERVISOR_SIM_BOT_JAR)")
    Path simBotJar;

    @Override
    public void run() {
        long t0 = System.nanoTime();
        SupervisorHome dir = SupervisorHome.resolve(home);
        Path simBot = simBotJar != null ? simBotJar
                : System.getenv("SUPERVISOR_SIM_BOT_JAR") == null ? null : Path.of(System.getenv("SUPERVISOR_SIM_BOT_JAR"));
        LocalStack stack = LocalStack.start(dir, new LocalStack.Options(demo, demoBehaviour, gatewayPort(dir), simBot, !noClickHouse,
                envDir == null ? null : envDir.toAbsolutePath(), !noAlerts));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        String summary = stack.env().entrySet().stream()
                .filter(e -> !e.getKey().endsWith("_TOKEN"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        System.out.printf("READY in %d ms %s env=%s%n", (System.nanoTime() - t0) / 1_000_000, summary, dir.envFile());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A stable gateway URL across restarts when possible: the last run's port, else 8080, else any. */
    private int gatewayPort(SupervisorHome dir) {
        if (gatewayPort != null) {
            return gatewayPort;
        }
        Path saved = dir.dir().resolve("gateway.port");
        try {
            if (Files.exists(saved)) {
                int last = Integer.parseInt(Files.readString(saved).trim());
                if (LocalKafkaBroker.isFree(last)) {
                    return last;
                }
            }
            int port = LocalKafkaBroker.isFree(PREFERRED_GATEWAY_PORT) ? PREFERRED_GATEWAY_PORT : LocalKafkaBroker.freePort();
            Files.createDirectories(dir.dir());
            Files.writeString(saved, Integer.toString(port));
            return port;
        } catch (IOException | NumberFormatException e) {
            return LocalKafkaBroker.freePort();
        }
    }
}
