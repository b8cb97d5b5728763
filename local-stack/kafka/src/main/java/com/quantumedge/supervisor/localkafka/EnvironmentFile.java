package com.quantumedge.supervisor.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code NAME=value} file as systemd's {@code EnvironmentFile=} reads the ones in
 * {@code deploy/production} ({@code /etc/qe-supervisor/common.env}, {@code <service>.env}): blank lines
 * and {@code #} comments skipped, the value taken verbatim after the first {@code =} (quotes inside it,
 * as in a JAAS line, kept).
 */
public final class EnvironmentFile {

    private EnvironmentFile() {
    }

    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read environment file " + file, e);
        }
    }

    /** Files read in order, a later one's variables winning: {@code common.env}, then the service's own. */
    public static Map<String, String> layered(List<Path> files) {
        Map<String, String> variables = new LinkedHashMap<>();
        files.forEach(f -> variables.putAll(read(f)));
        return Collections.unmodifiableMap(variables);
    }

    static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": not NAME=value: " + lines.get(i));
            }
            variables.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return Collections.unmodifiableMap(variables);
    }
}
