package com.quantumedge.supervisor.agent.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.agent.config.BotSpec;
import com.quantumedge.supervisor.agent.config.RestartSettings;
import com.quantumedge.supervisor.agent.status.StatusReporter;
import com.quantumedge.supervisor.agent.status.StatusReporter.BotView;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Severity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Supervises one bot process: starts, stops, restarts and adopts it, restarts it after unexpected
 * exits according to its {@link RestartPolicy}, and reports every transition. All state changes run
 * on one thread per bot, so commands, exits and scheduled restarts never race; Kafka is never
 * waited on (reports go to the outbox), which is what keeps autorestart working while it is down.
 */
public final class BotSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotSupervisor.class);

    private final BotSpec spec;
    private final String agentId;
    private final PidFile pidFile;
    private final RotatingLogFile logFile;
    private final RestartPolicy policy;
    private final StatusReporter reporter;
    private final ScheduledExecutorService executor;
    private final Counter automaticRestarts;
    private final Counter operatorStarts;
    private final Counter unexpectedExits;
    private final Counter failures;

    // Confined to the executor thread.
    private ProcessHandle current;
    private Process child;
    private Instant startedAt;
    private boolean stopping;
    private ScheduledFuture<?> pendingRestart;
    private boolean closed;

    // Read by other threads (heartbeats, tests, metrics).
    private volatile ProcessState state = ProcessState.STOPPED;
    private volatile Long pid;
    private volatile int restartCount;
    private volatile String mode;

    public BotSupervisor(BotSpec spec, String agentId, Path dataDir, Path logDir, RestartSettings restart,
            StatusReporter reporter, MeterRegistry registry) {
        this.spec = spec;
        this.agentId = agentId;
        this.pidFile = new PidFile(dataDir.resolve("bots").resolve(spec.id() + ".pid"));
        this.logFile = new RotatingLogFile(logDir.resolve(spec.id() + ".log"), spec.logMaxSize().toBytes(), spec.logFiles());
        this.policy = new RestartPolicy(restart);
        this.reporter = reporter;
        this.mode = spec.mode();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bot-" + spec.id());
            t.setDaemon(true);
            return t;
        });
        this.automaticRestarts = Counter.builder("agent.bot.restarts").tag("bot", spec.id()).tag("trigger", "autorestart")
                .description("bot starts").register(registry);
        this.operatorStarts = Counter.builder("agent.bot.restarts").tag("bot", spec.id()).tag("trigger", "command")
                .description("bot starts").register(registry);
        this.unexpectedExits = Counter.builder("agent.bot.unexpected.exits").tag("bot", spec.id())
                .description("exits the agent did not ask for").register(registry);
        this.failures = Counter.builder("agent.bot.failed").tag("bot", spec.id())
                .description("times the start limit was hit and the bot was left FAILED").register(registry);
        Gauge.builder("agent.bot.running", this, s -> s.state == ProcessState.RUNNING ? 1 : 0).tag("bot", spec.id())
                .description("1 while the bot process runs").register(registry);
    }

    public String botId() {
        return spec.id();
    }

    public BotSpec spec() {
        return spec;
    }

    public Path logPath() {
        return logFile.path();
    }

    public BotView view() {
        return new BotView(spec.id(), state, pid, restartCount, mode);
    }

    /** On agent start: adopt the process a previous agent started, else start one if configured to. */
    public CompletableFuture<Outcome> adoptOrStart() {
        return submit(() -> {
            var entry = pidFile.read();
            if (entry.isPresent()) {
                var live = pidFile.liveProcess(entry.get());
                if (live.isPresent()) {
                    adopt(live.get(), entry.get());
                    return Outcome.done("adopted running process pid " + live.get().pid());
                }
                pidFile.delete();
            }
            if (!spec.autostart()) {
                report(null, null, "not started: autostart is off");
                return Outcome.done("autostart is off");
            }
            return launch("autostart");
        });
    }

    /** Operator START: starts a stopped or FAILED bot and forgets its crash history. */
    public CompletableFuture<Outcome> start() {
        return submit(this::startNow);
    }

    public CompletableFuture<Outcome> stop() {
        return submit(this::stopNow);
    }

    public CompletableFuture<Outcome> restart() {
        return submit(() -> {
            Outcome stopped = stopNow();
            if (!stopped.succeeded()) {
                return stopped;
            }
            Outcome started = startNow();
            return started.succeeded() ? Outcome.done("restarted: " + stopped.message() + "; " + started.message())
                    : started;
        });
    }

    /** Switches the mode and restarts the bot with it (starting it if it was not running). */
    public CompletableFuture<Outcome> setMode(String newMode) {
        return submit(() -> {
            String previous = mode;
            Outcome stopped = stopNow();
            if (!stopped.succeeded()) {
                return stopped;
            }
            mode = newMode;
            Outcome started = startNow();
            return started.succeeded()
                    ? Outcome.done("mode " + previous + " -> " + newMode + "; " + started.message())
                    : started;
        });
    }

    /** Rotates the bot's log file when it has grown past its limit. */
    public void rotateLog() {
        try {
            if (logFile.rotateIfNeeded()) {
                log.info("rotated log of bot {}", spec.id());
            }
        } catch (IOException e) {
            log.warn("cannot rotate log {}: {}", logFile.path(), e.toString());
        }
    }

    private Outcome startNow() {
        if (current != null && current.isAlive()) {
            return Outcome.done("already running, pid " + current.pid());
        }
        cancelPendingRestart();
        policy.reset();
        operatorStarts.increment();
        return launch("operator start");
    }

    private Outcome stopNow() {
        cancelPendingRestart();
        if (current == null) {
            if (state != ProcessState.STOPPED) {
                state = ProcessState.STOPPED;
                pid = null;
                report(null, null, "stopped (no process was running)");
            }
            return Outcome.done("not running");
        }
        ProcessHandle handle = current;
        stopping = true;
        state = ProcessState.STOPPING;
        report(null, null, "stopping: SIGTERM, grace " + spec.stopGrace().toMillis() + " ms");
        long t0 = System.nanoTime();
        ProcessTree.Ending ending = ProcessTree.terminate(handle, spec.stopGrace());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ending == ProcessTree.Ending.STILL_ALIVE) {
            stopping = false;
            return Outcome.failed("pid " + handle.pid() + " survived SIGKILL");
        }
        onExit(handle, exitCodeOf(child));
        return Outcome.done(ending == ProcessTree.Ending.KILLED
                ? "pid " + handle.pid() + " ignored SIGTERM and was killed with its process tree after " + ms + " ms"
                : "pid " + handle.pid() + " exited on SIGTERM in " + ms + " ms");
    }

    private Outcome launch(String why) {
        if (closed) {
            return Outcome.failed("agent is shutting down");
        }
        List<String> command = spec.commandLine(mode, agentId);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (spec.workingDir() != null) {
            builder.directory(spec.workingDir().toFile());
        }
        builder.environment().putAll(spec.env());
        builder.environment().put("QE_BOT_ID", spec.id());
        builder.environment().put("QE_BOT_MODE", mode);
        try {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.prepare().toFile()));
            Process process = builder.start();
            child = process;
            current = process.toHandle();
            startedAt = PidFile.startOf(current).orElse(Instant.now());
            stopping = false;
            writePidFile();
            state = ProcessState.RUNNING;
            pid = current.pid();
            report(null, null, "started pid " + current.pid() + " (" + why + ") mode " + mode);
            reporter.event(spec.id(), EventType.BOT_STARTED, Severity.INFO, "bot started (" + why + "), pid " + pid,
                    Map.of("pid", Long.toString(pid), "mode", mode, "trigger", why));
            ProcessHandle handle = current;
            process.onExit().thenAccept(p -> executor.execute(() -> onExit(handle, p.exitValue())));
            return Outcome.done("started pid " + current.pid());
        } catch (IOException | RuntimeException e) {
            current = null;
            child = null;
            pid = null;
            state = ProcessState.FAILED;
            String message = "cannot start " + command.get(0) + ": " + e.getMessage();
            report(null, null, message);
            return Outcome.failed(message);
        }
    }

    /** Without a pid file the bot still runs and is supervised; only adoption by a next agent is lost. */
    private void writePidFile() {
        try {
            pidFile.write(current, mode, restartCount);
        } catch (RuntimeException e) {
            log.error("bot {}: cannot write pid file {}; a restarted agent will not adopt pid {}", spec.id(),
                    pidFile.path(), current.pid(), e);
        }
    }

    /** The exit code of our own child; the JDK may record it a moment after the handle reports the exit. */
    private static Integer exitCodeOf(Process process) {
        if (process == null) {
            return null;
        }
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void adopt(ProcessHandle handle, PidFile.Entry entry) {
        current = handle;
        child = null;
        startedAt = entry.startedAt();
        mode = entry.mode().isBlank() ? mode : entry.mode();
        restartCount = entry.restartCount();
        state = ProcessState.RUNNING;
        pid = handle.pid();
        report(null, null, "adopted running pid " + handle.pid() + " started at " + entry.startedAt());
        handle.onExit().thenAccept(h -> executor.execute(() -> onExit(handle, null)));
    }

    private void onExit(ProcessHandle handle, Integer exitCode) {
        if (closed || handle != current) {
            return;
        }
        current = null;
        child = null;
        pid = null;
        pidFile.delete();
        String signal = ExitSignal.of(exitCode);
        String codeText = exitCode == null ? "unknown code (adopted process)" : "code " + exitCode;
        if (stopping) {
            stopping = false;
            state = ProcessState.STOPPED;
            reportExit(handle, exitCode, signal, "stopped on request, " + codeText);
            return;
        }
        unexpectedExits.increment();
        state = ProcessState.EXITED;
        reportExit(handle, exitCode, signal, "exited unexpectedly with " + codeText);
        reporter.event(spec.id(), EventType.BOT_EXITED, Severity.WARNING,
                "bot pid " + handle.pid() + " exited unexpectedly with " + codeText,
                exitCode == null ? Map.of() : Map.of("exit_code", exitCode.toString()));
        if (spec.autorestart()) {
            scheduleRestart(Duration.between(startedAt, Instant.now()));
        }
    }

    private void scheduleRestart(Duration ranFor) {
        RestartPolicy.Decision decision = policy.onUnexpectedExit(Instant.now(), ranFor);
        if (!decision.restart()) {
            failures.increment();
            state = ProcessState.FAILED;
            report(null, null, decision.reason());
            reporter.event(spec.id(), EventType.BOT_FAILED, Severity.CRITICAL, "bot FAILED: " + decision.reason(),
                    Map.of("restart_count", Integer.toString(restartCount)));
            return;
        }
        restartCount++;
        state = ProcessState.RESTARTING;
        report(null, null, decision.reason());
        pendingRestart = executor.schedule(() -> {
            pendingRestart = null;
            automaticRestarts.increment();
            Outcome outcome = launch("autorestart #" + decision.attempt());
            if (!outcome.succeeded() && !closed) {
                scheduleRestart(Duration.ZERO);
            }
        }, decision.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    private void report(Integer exitCode, String signal, String message) {
        reporter.processState(view(), exitCode, signal, message);
    }

    private void reportExit(ProcessHandle handle, Integer exitCode, String signal, String message) {
        reporter.processState(new BotView(spec.id(), state, handle.pid(), restartCount, mode), exitCode, signal,
                message);
    }

    private CompletableFuture<Outcome> submit(Supplier<Outcome> action) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(action.get());
                } catch (RuntimeException e) {
                    log.error("bot {}: command failed", spec.id(), e);
                    result.complete(Outcome.failed(e.toString()));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.complete(Outcome.failed("agent is shutting down"));
        }
        return result;
    }

    /** Stops supervising; with {@code stopBot} also stops the process, otherwise leaves it for the next agent to adopt. */
    public void close(boolean stopBot) {
        CompletableFuture<Outcome> last = submit(() -> {
            Outcome outcome = stopBot ? stopNow() : Outcome.done("left running");
            cancelPendingRestart();
            closed = true;
            return outcome;
        });
        try {
            last.get(spec.stopGrace().toMillis() + 15_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("bot {}: shutdown did not finish cleanly: {}", spec.id(), e.toString());
        }
        executor.shutdownNow();
    }

    @Override
    public void close() {
        close(false);
    }
}
