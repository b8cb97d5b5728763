package com.quantumedge.supervisor.simbot;

import java.time.Duration;

import com.quantumedge.supervisor.simbot.SimBotOptions.Behaviour;
import com.quantumedge.supervisor.simbot.gateway.GatewayClient;
import com.quantumedge.supervisor.simbot.gateway.Json;
import com.quantumedge.supervisor.simbot.market.RandomWalkPrice;
import com.quantumedge.supervisor.simbot.trading.Fill;
import com.quantumedge.supervisor.simbot.trading.OrderIntent;
import com.quantumedge.supervisor.simbot.trading.TradingSimulator;

import sun.misc.Signal;

/**
 * Simulated QuantumEdge bot, run as a child process of the process agent: posts heartbeats, order
 * checks and executions to the gateway and misbehaves on request (crash, hang, slow start, exit
 * code, ignoring SIGTERM). See the module README for the command line.
 */
public final class SimBot {

    /** Exit code for a command line that cannot be parsed. */
    public static final int USAGE_ERROR = 64;

    private final SimBotOptions options;
    private final GatewayClient gateway;
    private final TradingSimulator sim;
    private long startedNanos = System.nanoTime();

    SimBot(SimBotOptions options) {
        this.options = options;
        this.gateway = new GatewayClient(options.gateway(), options.token(), Duration.ofSeconds(2));
        this.sim = new TradingSimulator(options.symbol(), new RandomWalkPrice(50_000, 0.0005, options.seed()),
                options.seed() + 1, 0.001, 0.01, 0.0004, 3, 10_000, options.botId() + "-" + BotRequests.runId());
    }

    public static void main(String[] args) throws InterruptedException {
        SimBotOptions options;
        try {
            options = SimBotOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sim-bot: " + e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        if (options.ignoreSigterm()) {
            // A registered handler replaces the JVM's default (run shutdown hooks, exit 143).
            Signal.handle(new Signal("TERM"), s -> SimBotLog.warn("SIGTERM received and ignored"));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SimBotLog.info("sim-bot stopping"), "sim-bot-stop"));
        SimBotLog.info("sim-bot started pid=" + ProcessHandle.current().pid() + " bot=" + options.botId()
                + " behaviour=" + options.behaviour() + " run-mode=" + options.runMode()
                + " gateway=" + options.gateway());
        new SimBot(options).run();
    }

    void run() throws InterruptedException {
        // Behaviour delays count from here, after the HTTP client is built, so they do not shrink on a slow machine.
        startedNanos = System.nanoTime();
        if (options.behaviour() == Behaviour.SLOW_START && options.slowStartS() > 0) {
            SimBotLog.info("slow start: silent for " + options.slowStartS() + " s");
            Thread.sleep((long) (options.slowStartS() * 1000));
        }
        long nextHeartbeat = 0;
        long nextOrder = options.orderMs() > 0 ? options.orderMs() : Long.MAX_VALUE;
        while (true) {
            long elapsedMs = elapsedMs();
            actOnBehaviour(elapsedMs);
            if (elapsedMs >= nextHeartbeat) {
                sim.tick();
                heartbeat();
                nextHeartbeat = elapsedMs + options.heartbeatMs();
            }
            if (elapsedMs >= nextOrder) {
                trade();
                nextOrder = elapsedMs + options.orderMs();
            }
            long sleep = Math.max(1, Math.min(nextHeartbeat, nextOrder) - elapsedMs());
            Thread.sleep(Math.min(sleep, 100));
        }
    }

    private void actOnBehaviour(long elapsedMs) throws InterruptedException {
        if (elapsedMs < options.crashAfterS() * 1000) {
            return;
        }
        switch (options.behaviour()) {
            case CRASH -> {
                SimBotLog.warn("crashing with exit code " + options.exitCode());
                Runtime.getRuntime().halt(options.exitCode());
            }
            case EXIT -> {
                SimBotLog.info("exiting with code " + options.exitCode());
                System.exit(options.exitCode());
            }
            case HANG -> {
                SimBotLog.warn("hanging: alive but silent");
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> {
                // normal and slow-start keep working
            }
        }
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        gateway.post(GatewayClient.HEARTBEAT, Json.write(BotRequests.heartbeat(options.botId(), sim,
                elapsedMs() / 1000.0, options.runMode(), 0, now)));
    }

    private void trade() {
        OrderIntent order = sim.nextOrder();
        GatewayClient.Verdict verdict = gateway.evaluate(Json.write(
                BotRequests.orderCheck(options.botId(), order, System.currentTimeMillis())));
        if (!verdict.allowed()) {
            return;
        }
        Fill fill = sim.fill(order);
        gateway.post(GatewayClient.EXECUTIONS, Json.write(
                BotRequests.execution(options.botId(), fill, System.currentTimeMillis())));
    }

    private long elapsedMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
