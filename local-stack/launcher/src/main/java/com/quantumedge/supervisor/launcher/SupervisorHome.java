package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local runtime directory ({@code .supervisor/} by default, {@code SUPERVISOR_HOME} to move it):
 * broker data, logs, the pid of the running stack and {@code local.env}, which tells clients where
 * everything is.
 */
public record SupervisorHome(Path dir) {

    public static SupervisorHome resolve(Path override) {
        if (override != null) {
            return new SupervisorHome(override.toAbsolutePath());
        }
        String env = System.getenv("SUPERVISOR_HOME");
        return new SupervisorHome(Path.of(env == null || env.isBlank() ? ".supervisor" : env).toAbsolutePath());
    }

    public Path kafkaDir() {
        return dir.resolve("kafka");
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    public Path envFile() {
        return dir.resolve("local.env");
    }

    public Path pidFile() {
        return dir.resolve("stack.pid");
    }

    /** Writes {@code KEY=value} lines atomically, readable by the owner only (it may hold tokens). */
    public void writeEnv(Map<String, String> values) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "local.env", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system (Windows): the directory's ACL applies.
            }
            StringBuilder text = new StringBuilder("# Written by ./supervisor up; read by the CLI, tests and scripts.\n");
            values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(tmp, text);
            Files.move(tmp, envFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> readEnv() {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.exists(envFile())) {
            return values;
        }
        try {
            List<String> lines = Files.readAllLines(envFile());
            for (String line : lines) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> env(String key) {
        return Optional.ofNullable(readEnv().get(key));
    }
}
