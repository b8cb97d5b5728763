package com.quantumedge.supervisor.agent.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.quantumedge.supervisor.avro.AckStatus;

/**
 * The command ids this agent has taken on, and how each ended, in an append-only file under the
 * data dir (forced to disk on every write), so that a command redelivered after an agent restart
 * is acknowledged again but not executed again. An id is recorded as ACCEPTED before it executes:
 * a crash mid-command means at most once, never twice. Keeps the newest {@code capacity} ids.
 */
public final class ExecutedCommands implements AutoCloseable {

    /** The last known outcome of a command id. */
    public record Entry(String commandId, AckStatus status, String message) {
    }

    private final Path file;
    private final int capacity;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private FileChannel channel;
    private int linesInFile;

    public ExecutedCommands(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    parse(line).ifPresent(this::remember);
                    linesInFile++;
                }
            }
            if (linesInFile > 2 * capacity) {
                compact();
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open executed-command store " + file, e);
        }
    }

    public synchronized Optional<Entry> get(String commandId) {
        return Optional.ofNullable(entries.get(commandId));
    }

    public synchronized void record(String commandId, AckStatus status, String message) {
        Entry entry = new Entry(commandId, status, message == null ? "" : message);
        remember(entry);
        try {
            channel.write(ByteBuffer.wrap(format(entry).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            linesInFile++;
            if (linesInFile > 2 * capacity) {
                channel.close();
                compact();
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record command " + commandId + " in " + file, e);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    private void remember(Entry entry) {
        entries.remove(entry.commandId());
        entries.put(entry.commandId(), entry);
        while (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    private void compact() throws IOException {
        List<String> lines = new ArrayList<>();
        entries.values().forEach(e -> lines.add(format(e).stripTrailing()));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        linesInFile = lines.size();
    }

    private static String format(Entry e) {
        return clean(e.commandId()) + '\t' + e.status() + '\t' + clean(e.message()) + '\n';
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static Optional<Entry> parse(String line) {
        String[] parts = line.split("\t", 3);
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(parts[0], AckStatus.valueOf(parts[1]), parts.length == 3 ? parts[2] : ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
