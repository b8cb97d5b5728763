package com.quantumedge.supervisor.agent.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.quantumedge.supervisor.agent.config.JobSpec;
import com.quantumedge.supervisor.agent.process.Outcome;
import com.quantumedge.supervisor.agent.process.ProcessTree;

/** Runs configured jobs (RUN_JOB) to completion or timeout, each on its own thread, output appended to a log. */
public final class JobRunner implements AutoCloseable {

    private final Path logDir;
    private final String agentId;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "agent-job");
        t.setDaemon(true);
        return t;
    });

    public JobRunner(Path logDir, String agentId) {
        this.logDir = logDir;
        this.agentId = agentId;
    }

    public CompletableFuture<Outcome> run(String name, JobSpec job, String botId, String mode) {
        return CompletableFuture.supplyAsync(() -> runNow(name, job, botId, mode), executor);
    }

    private Outcome runNow(String name, JobSpec job, String botId, String mode) {
        List<String> command = job.command().stream()
                .map(a -> a.replace("{bot_id}", botId).replace("{mode}", mode).replace("{agent_id}", agentId))
                .toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (job.workingDir() != null) {
            builder.directory(job.workingDir().toFile());
        }
        builder.environment().putAll(job.env());
        builder.environment().put("QE_BOT_ID", botId);
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(logDir);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("job-" + name + ".log").toFile()));
            Process process = builder.start();
            if (!process.waitFor(job.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process.toHandle());
                return Outcome.failed("job " + name + " timed out after " + job.timeout().toMillis() + " ms and was killed");
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int code = process.exitValue();
            return code == 0 ? Outcome.done("job " + name + " exited 0 in " + ms + " ms")
                    : Outcome.failed("job " + name + " exited with code " + code + " after " + ms + " ms");
        } catch (IOException e) {
            return Outcome.failed("cannot start job " + name + " (" + command.get(0) + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("job " + name + " interrupted by agent shutdown");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
