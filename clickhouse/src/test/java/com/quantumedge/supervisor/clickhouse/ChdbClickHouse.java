package com.quantumedge.supervisor.clickhouse;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link ClickHouse} on chDB, a current ClickHouse embedded in a node process (npm {@code chdb},
 * installed into {@code .tools/chdb} by {@code scripts/install-test-deps.sh}): statements go in as
 * JSON lines, TabSeparated text comes back, so results read exactly as from a server. It has no
 * HTTP interface: RowBinary inserts go through the {@code format} table function instead, with the
 * table's columns as the structure, so the bytes are read as a server reads {@code INSERT … FORMAT
 * RowBinary}.
 */
public final class ChdbClickHouse implements ClickHouse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process node;
    private final Writer in;
    private final BufferedReader out;

    private ChdbClickHouse(Process node) {
        this.node = node;
        this.in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The chdb package of this checkout, if installed. */
    public static Optional<Path> modules() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path modules = dir.resolve(".tools/chdb/node_modules");
            if (Files.isRegularFile(modules.resolve("chdb/package.json"))) {
                return Optional.of(modules);
            }
            if (Files.exists(dir.resolve("mvnw"))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test without chdb, or fails it under {@code CI=true}, where it must run. */
    public static Path requireInstalled() {
        Optional<Path> modules = modules();
        if (modules.isPresent()) {
            return modules.get();
        }
        String message = "chdb is not installed in .tools/chdb: run scripts/install-test-deps.sh";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " -- under CI=true the dialect test must run");
        }
        Assumptions.abort(message);
        return null;
    }

    /** Starts a chDB session with its data under {@code dataDir}. */
    public static ChdbClickHouse start(Path modules, Path dataDir) {
        try {
            Path script = Files.createTempFile("run-statements", ".js");
            try (var res = ChdbClickHouse.class.getResourceAsStream("/chdb/run-statements.js")) {
                Files.write(script, res.readAllBytes());
            }
            Files.createDirectories(dataDir);
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), dataDir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("NODE_PATH", modules.toString());
            pb.environment().put("TZ", "UTC");
            return new ChdbClickHouse(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start chdb", e);
        }
    }

    private synchronized String run(String sql, String format) {
        try {
            in.write(JSON.writeValueAsString(Map.of("sql", sql, "format", format)));
            in.write('\n');
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new ClickHouseException("chdb exited with " + node.waitFor() + " [" + HttpClickHouse.abbreviate(sql) + "]", null);
            }
            JsonNode reply = JSON.readTree(line);
            if (!reply.path("ok").asBoolean()) {
                throw new ClickHouseException(reply.path("error").asText() + " [" + HttpClickHouse.abbreviate(sql) + "]", null);
            }
            return reply.path("text").asText();
        } catch (IOException e) {
            throw new ClickHouseException("chdb: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted", e);
        }
    }

    @Override
    public String url() {
        return "chdb:" + node.pid();
    }

    @Override
    public boolean ping() {
        return node.isAlive();
    }

    @Override
    public void execute(String sql) {
        run(sql, "TabSeparated");
    }

    @Override
    public List<List<String>> query(String sql) {
        return parse(run(sql, "TabSeparated"));
    }

    @Override
    public List<Map<String, String>> queryNamed(String sql) {
        List<List<String>> rows = parse(run(sql, "TabSeparatedWithNames"));
        List<Map<String, String>> named = new ArrayList<>();
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                m.put(rows.get(0).get(i), row.get(i));
            }
            named.add(m);
        }
        return named;
    }

    private static List<List<String>> parse(String text) {
        try {
            return HttpClickHouse.TabSeparated.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void insertRowBinary(String table, byte[] rows, int length) {
        int dot = table.indexOf('.');
        StringJoiner structure = new StringJoiner(", ");
        for (List<String> column : query("SELECT name, type FROM system.columns WHERE database = %s AND table = %s "
                .formatted(ClickHouse.quote(table.substring(0, dot)), ClickHouse.quote(table.substring(dot + 1)))
                + "AND default_kind NOT IN ('MATERIALIZED', 'ALIAS') ORDER BY position")) {
            structure.add("`" + column.get(0) + "` " + column.get(1));
        }
        StringBuilder data = new StringBuilder(length * 4);
        for (int i = 0; i < length; i++) {
            data.append("\\x").append(Character.forDigit((rows[i] >> 4) & 0xf, 16)).append(Character.forDigit(rows[i] & 0xf, 16));
        }
        execute("INSERT INTO %s SELECT * FROM format(RowBinary, %s, '%s')".formatted(table, ClickHouse.quote(structure.toString()), data));
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // The process is ended below either way.
        }
        try {
            if (!node.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.destroyForcibly();
        }
    }
}
