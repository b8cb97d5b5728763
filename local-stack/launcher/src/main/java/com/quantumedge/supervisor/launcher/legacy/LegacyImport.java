package com.quantumedge.supervisor.launcher.legacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.query.StoredEventIds;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.launcher.legacy.LegacyLine.BadLineException;
import com.quantumedge.supervisor.launcher.legacy.LegacyMapping.Mapped;
import com.quantumedge.supervisor.sink.write.RowBinary;
import com.quantumedge.supervisor.sink.write.RowEncoder;

/**
 * Imports the original supervisor's daily logs ({@code events_YYYY-MM-DD.jsonl} and
 * {@code snapshots_YYYY-MM-DD.jsonl}, anywhere under the directory) into the sink's tables, with
 * the sink's own row encoding. Idempotent: a row's event id is derived from the bot, the file name,
 * the line number and the line's text, and rows already stored for a file are not inserted again.
 * A line that cannot be read or mapped is counted and reported with its file and line number; it
 * never stops the import.
 */
public final class LegacyImport {

    static final Pattern EVENTS_FILE = Pattern.compile("events_\\d{4}-\\d{2}-\\d{2}\\.jsonl");
    static final Pattern SNAPSHOTS_FILE = Pattern.compile("snapshots_\\d{4}-\\d{2}-\\d{2}\\.jsonl");

    /** A line not imported: where it is and why. */
    public record BadLine(Path file, int line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    /** What an import did: rows inserted and rows found already stored, by table; lines by legacy type; bad lines. */
    public record Summary(int files, Map<String, Long> inserted, Map<String, Long> alreadyPresent, Map<String, Long> linesByType,
            List<BadLine> badLines) {

        public long insertedRows() {
            return inserted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ClickHouse clickHouse;
    private final String db;
    private final String botId;
    private final TableLayouts layouts = TableLayouts.forCatalog(Set.of());
    private final Clock clock;

    public LegacyImport(ClickHouse clickHouse, String database, String botId, Clock clock) {
        this.clickHouse = clickHouse;
        this.db = database;
        this.botId = botId;
        this.clock = clock;
    }

    public Summary run(Path dir, Consumer<String> progress) {
        List<Path> files = files(dir);
        Map<String, Long> inserted = new TreeMap<>();
        Map<String, Long> present = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        List<BadLine> bad = new ArrayList<>();
        for (Path file : files) {
            Map<TableLayout, List<Row>> rows = read(file, byType, bad);
            for (var e : rows.entrySet()) {
                TableLayout layout = e.getKey();
                Set<String> stored = StoredEventIds.of(clickHouse, db, layout, topicOf(file), botId);
                RowBinary out = new RowBinary(64 * 1024);
                long now = clock.millis();
                int count = 0;
                for (Row row : e.getValue()) {
                    if (stored.contains(row.eventId())) {
                        present.merge(layout.table(), 1L, Long::sum);
                        continue;
                    }
                    RowEncoder.append(layout, (org.apache.avro.generic.IndexedRecord) row.mapped().record(), topicOf(file), 0,
                            row.line(), now, out);
                    count++;
                }
                if (count > 0) {
                    clickHouse.insertRowBinary(layout.qualified(db), out.array(), out.size());
                    inserted.merge(layout.table(), (long) count, Long::sum);
                }
            }
            progress.accept("%s: %d lines read".formatted(file.getFileName(), rows.values().stream().mapToInt(List::size).sum()));
        }
        return new Summary(files.size(), inserted, present, byType, bad);
    }

    private record Row(int line, String eventId, Mapped mapped) {
    }

    private Map<TableLayout, List<Row>> read(Path file, Map<String, Long> byType, List<BadLine> bad) {
        boolean snapshots = SNAPSHOTS_FILE.matcher(file.getFileName().toString()).matches();
        Map<TableLayout, List<Row>> rows = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            bad.add(new BadLine(file, 0, "cannot read the file: " + e.getMessage()));
            return rows;
        }
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            String eventId = eventId(file, lineNo, text);
            try {
                LegacyLine line = snapshots ? LegacyLine.parseSnapshot(text) : LegacyLine.parseEvent(text);
                Mapped mapped = snapshots ? LegacyMapping.snapshot(line, botId, eventId) : LegacyMapping.event(line, botId, eventId);
                TableLayout layout = layouts.forTopic(mapped.topic().name()).orElseThrow();
                rows.computeIfAbsent(layout, l -> new ArrayList<>()).add(new Row(lineNo, eventId, mapped));
                byType.merge((snapshots ? "snapshot log" : line.type()), 1L, Long::sum);
            } catch (BadLineException | RuntimeException e) {
                bad.add(new BadLine(file, lineNo, e.getMessage()));
            }
        }
        return rows;
    }

    /** Stable across runs for the same line of the same file, different for any other line. */
    private String eventId(Path file, int line, String text) {
        String key = botId + "\n" + file.getFileName() + "\n" + line + "\n" + text;
        return "legacy-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Rows keep their file as their "topic" and their line number as their "offset". */
    static String topicOf(Path file) {
        return "legacy/" + file.getFileName();
    }

    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> EVENTS_FILE.matcher(p.getFileName().toString()).matches()
                            || SNAPSHOTS_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
