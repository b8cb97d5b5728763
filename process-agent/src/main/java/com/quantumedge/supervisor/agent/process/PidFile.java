package com.quantumedge.supervisor.agent.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Remembers the process the agent started for a bot so that a restarted agent adopts it instead of
 * starting a second copy. A pid alone is not enough (pids are reused), so the process start time is
 * recorded and compared too.
 */
public final class PidFile {

    /** What was recorded at start. */
    public record Entry(long pid, Instant startedAt, String mode, int restartCount) {
    }

    /** Start times are read from the OS with coarse granularity (clock ticks on Linux). */
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);

    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void write(ProcessHandle process, String mode, int restartCount) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(process.pid()));
        p.setProperty("start", Long.toString(startOf(process).map(Instant::toEpochMilli).orElse(0L)));
        p.setProperty("mode", mode);
        p.setProperty("restart_count", Integer.toString(restartCount));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "process started by the process agent");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + file, e);
        }
    }

    public Optional<Entry> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            return Optional.of(new Entry(Long.parseLong(p.getProperty("pid")),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("start", "0"))),
                    p.getProperty("mode", ""), Integer.parseInt(p.getProperty("restart_count", "0"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The live process this file describes: same pid and same start time; empty if it is gone or the pid was reused. */
    public Optional<ProcessHandle> liveProcess(Entry entry) {
        return ProcessHandle.of(entry.pid())
                .filter(ProcessHandle::isAlive)
                .filter(h -> startOf(h)
                        .map(start -> Duration.between(start, entry.startedAt()).abs().compareTo(START_TIME_TOLERANCE) <= 0)
                        .orElse(false));
    }

    /** Deletes the file; false if it could not be (a stale file is harmless: its start time will not match). */
    public boolean delete() {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant();
    }
}
