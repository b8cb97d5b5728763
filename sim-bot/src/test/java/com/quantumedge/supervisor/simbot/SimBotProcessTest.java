package com.quantumedge.supervisor.simbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.simbot.gateway.GatewayClient;

/** The bot as the agent runs it: a child JVM. */
class SimBotProcessTest {

    private final List<Process> started = new ArrayList<>();
    private Path lastLog;

    @AfterEach
    void killChildren() {
        started.forEach(Process::destroyForcibly);
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                SimBot.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createDirectories(Path.of("target", "sim-bot-logs")).resolve("bot-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        lastLog = log;
        return p;
    }

    @Test
    @DisplayName("a normal bot posts heartbeats, order checks and fills with its bearer token")
    void postsToGateway() throws Exception {
        try (FakeGateway gateway = new FakeGateway()) {
            launch("--gateway", gateway.url(), "--token", "tok-1", "--bot-id", "b-normal", "--heartbeat-ms", "100",
                    "--order-ms", "100");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(gateway.to(GatewayClient.HEARTBEAT)).hasSizeGreaterThanOrEqualTo(2);
                assertThat(gateway.to(GatewayClient.RISK_EVALUATE)).isNotEmpty();
                assertThat(gateway.to(GatewayClient.EXECUTIONS)).isNotEmpty();
            });
            assertThat(gateway.requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer tok-1"));
            assertThat(gateway.to(GatewayClient.HEARTBEAT).get(0).body())
                    .contains("\"uptime_s\"", "\"equity\"", "\"realized_pnl_today\"", "\"trading_day\"",
                            "\"positions\"", "\"open_orders\"", "\"mode\":\"paper\"", "\"version\"");
            assertThat(gateway.to(GatewayClient.RISK_EVALUATE).get(0).body())
                    .contains("\"symbol\"", "\"side\"", "\"order_type\"", "\"quantity\"", "\"price\"", "\"notional\"",
                            "\"leverage\"", "\"is_reduce_only\"", "\"client_order_id\"");
            assertThat(gateway.to(GatewayClient.EXECUTIONS).get(0).body())
                    .contains("\"exec_id\"", "\"exec_type\":\"FILL\"", "\"fee\"", "\"leaves_qty\"");
        }
    }

    @Test
    @DisplayName("a bot whose gateway is unreachable keeps running")
    void toleratesUnreachableGateway() throws Exception {
        Process p = launch("--gateway", "http://127.0.0.1:9", "--bot-id", "b-lonely", "--heartbeat-ms", "50");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(p::isAlive);
    }

    @Test
    @DisplayName("crash mode exits with the chosen exit code after the chosen delay")
    void crashes() throws Exception {
        Process p = launch("--gateway", "http://127.0.0.1:9", "--mode", "crash", "--crash-after-s", "0.2",
                "--exit-code", "7");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(7);
    }

    @Test
    @DisplayName("hang mode stops posting heartbeats but stays alive")
    void hangs() throws Exception {
        try (FakeGateway gateway = new FakeGateway()) {
            Process p = launch("--gateway", gateway.url(), "--mode", "hang", "--crash-after-s", "2",
                    "--heartbeat-ms", "50", "--order-ms", "0");
            await().atMost(Duration.ofSeconds(30)).until(() -> !gateway.to(GatewayClient.HEARTBEAT).isEmpty());
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1)).until(() -> {
                int before = gateway.to(GatewayClient.HEARTBEAT).size();
                Thread.sleep(700);
                return gateway.to(GatewayClient.HEARTBEAT).size() == before;
            });
            assertThat(p.isAlive()).isTrue();
        }
    }

    @Test
    @DisplayName("with --ignore-sigterm the bot survives SIGTERM and only SIGKILL stops it")
    void ignoresSigterm() throws Exception {
        Process p = launch("--gateway", "http://127.0.0.1:9", "--ignore-sigterm");
        Path log = logOf();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("sim-bot started"));
        p.destroy();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("SIGTERM received and ignored"));
        assertThat(p.isAlive()).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("without --ignore-sigterm the bot stops on SIGTERM")
    void stopsOnSigterm() throws Exception {
        Process p = launch("--gateway", "http://127.0.0.1:9");
        Path log = logOf();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("sim-bot started"));
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).contains("sim-bot stopping");
    }

    @Test
    @DisplayName("exit mode exits cleanly, running shutdown hooks, with the chosen code")
    void exits() throws Exception {
        Process p = launch("--gateway", "http://127.0.0.1:9", "--mode", "exit", "--crash-after-s", "0.2",
                "--exit-code", "3");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(Files.readString(logOf())).contains("sim-bot stopping");
    }

    @Test
    @DisplayName("slow-start mode sends no heartbeat before its silent period is over")
    void slowStart() throws Exception {
        try (FakeGateway gateway = new FakeGateway()) {
            long launched = System.nanoTime();
            launch("--gateway", gateway.url(), "--mode", "slow-start", "--slow-start-s", "2", "--heartbeat-ms", "100");
            await().atMost(Duration.ofSeconds(30)).until(() -> !gateway.to(GatewayClient.HEARTBEAT).isEmpty());
            long firstHeartbeatAfterMs = (gateway.firstAtNanos() - launched) / 1_000_000;
            assertThat(firstHeartbeatAfterMs).isGreaterThanOrEqualTo(2000);
        }
    }

    @Test
    @DisplayName("a bad command line exits with the usage code")
    void usageError() throws Exception {
        Process p = launch("--mode", "explode");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(SimBot.USAGE_ERROR);
    }

    private Path logOf() {
        return lastLog;
    }
}
