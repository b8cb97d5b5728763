package com.quantumedge.supervisor.schemas.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Every version of every record schema the system has ever written: the superseded ones listed in
 * {@code schema-history/index.txt} plus the current one compiled into the generated classes.
 * Decoders register all of them, so a record written with any version stays readable.
 */
public final class SchemaHistory {

    static final String INDEX = "schema-history/index.txt";
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_]+)/v(\\d+)\\.avsc");
    private static final SchemaHistory INSTANCE = load();

    private final Map<String, List<SchemaVersion>> byRecord;

    private SchemaHistory(Map<String, List<SchemaVersion>> byRecord) {
        this.byRecord = byRecord;
    }

    public static SchemaHistory get() {
        return INSTANCE;
    }

    /** All versions of the record, oldest first; the last is the current one. */
    public List<SchemaVersion> versions(String recordName) {
        return byRecord.getOrDefault(recordName, List.of());
    }

    public List<SchemaVersion> versions(Class<?> recordClass) {
        return versions(recordClass.getSimpleName());
    }

    public Map<String, List<SchemaVersion>> all() {
        return byRecord;
    }

    private static SchemaHistory load() {
        Map<String, List<SchemaVersion>> superseded = readSuperseded();
        Map<String, List<SchemaVersion>> all = new TreeMap<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            if (!org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(topic.valueType())) {
                continue;
            }
            Schema current = SpecificData.get().getSchema(topic.valueType());
            String name = current.getName();
            List<SchemaVersion> versions = new ArrayList<>(superseded.getOrDefault(name, List.of()));
            versions.sort(Comparator.comparingInt(SchemaVersion::version));
            int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            versions.add(new SchemaVersion(name, next, current, true));
            all.put(name, List.copyOf(versions));
        }
        return new SchemaHistory(all);
    }

    private static Map<String, List<SchemaVersion>> readSuperseded() {
        Map<String, List<SchemaVersion>> result = new TreeMap<>();
        for (String entry : indexEntries()) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalStateException("Malformed line in " + INDEX + ": " + entry);
            }
            Schema schema = parse("schema-history/" + entry);
            result.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                    .add(new SchemaVersion(m.group(1), Integer.parseInt(m.group(2)), schema, false));
        }
        return result;
    }

    static List<String> indexEntries() {
        try (InputStream in = resource(INDEX);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema parse(String path) {
        try (InputStream in = resource(path)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + path);
        }
        return in;
    }
}
