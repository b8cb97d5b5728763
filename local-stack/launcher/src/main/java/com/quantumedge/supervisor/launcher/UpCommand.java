package com.quantumedge.supervisor.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the local stack in the foreground until interrupted (SIGINT/SIGTERM, or {@code ./supervisor down}). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack in this process: broker, topics and services. Prints one line starting "
                + "with READY when it serves, and writes <home>/local.env.")
final class UpCommand implements Runnable {

    @Option(names = "--home", description = "Runtime directory (default: $SUPERVISOR_HOME or .supervisor)")
    Path home;

    @Override
    public void run() {
        long t0 = System.nanoTime();
        SupervisorHome dir = SupervisorHome.resolve(home);
        LocalStack stack = LocalStack.start(dir);
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
}
