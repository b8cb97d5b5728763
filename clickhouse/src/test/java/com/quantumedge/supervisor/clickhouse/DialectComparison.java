package com.quantumedge.supervisor.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the same steps on two ClickHouse engines, records what every SELECT returned (or how it
 * failed) and lists where the two disagree: a statement that fails on one engine only, a different
 * number of rows, a cell that differs (numbers within a relative 1e-9: servers print doubles with
 * different digit counts).
 */
public final class DialectComparison {

    /** What one SELECT returned on one engine: rows, or the first line of its error. */
    public record Outcome(String sql, List<List<String>> rows, String error) {
    }

    /** A named piece of work against one engine, e.g. "audit report of bot-a". */
    public record Step(String name, Consumer<ClickHouse> work) {
    }

    private DialectComparison() {
    }

    /** Runs every step against {@code engine}; a failing step is recorded and the next one runs. */
    public static List<Outcome> run(ClickHouse engine, List<Step> steps) {
        Recording recording = new Recording(engine);
        for (Step step : steps) {
            int before = recording.outcomes.size();
            try {
                step.work().accept(recording);
            } catch (RuntimeException e) {
                boolean recorded = recording.outcomes.size() > before
                        && recording.outcomes.get(recording.outcomes.size() - 1).error() != null;
                if (!recorded) {
                    recording.outcomes.add(new Outcome("step " + step.name(), null, firstLine(e.getMessage())));
                }
            }
        }
        return recording.outcomes;
    }

    public static List<String> differences(String leftName, List<Outcome> left, String rightName, List<Outcome> right) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            if (i >= left.size() || i >= right.size()) {
                out.add("statement " + i + " ran on " + (i >= left.size() ? rightName : leftName) + " only: "
                        + (i >= left.size() ? right : left).get(i).sql());
                continue;
            }
            Outcome l = left.get(i);
            Outcome r = right.get(i);
            if (!l.sql().equals(r.sql())) {
                out.add("statement " + i + " differs: " + leftName + " ran " + l.sql() + "; " + rightName + " ran " + r.sql());
                break;
            }
            if (l.error() != null || r.error() != null) {
                out.add(flat(l.sql()) + ": " + leftName + " " + (l.error() == null ? "ok" : "failed: " + l.error()) + "; "
                        + rightName + " " + (r.error() == null ? "ok" : "failed: " + r.error()));
                continue;
            }
            List<List<String>> leftRows = inDefinedOrder(l);
            List<List<String>> rightRows = inDefinedOrder(r);
            if (leftRows.size() != rightRows.size()) {
                out.add(flat(l.sql()) + ": " + l.rows().size() + " rows on " + leftName + ", " + r.rows().size() + " on " + rightName);
                continue;
            }
            for (int row = 0; row < leftRows.size(); row++) {
                List<String> a = leftRows.get(row);
                List<String> b = rightRows.get(row);
                if (a.size() != b.size()) {
                    out.add(flat(l.sql()) + ": row " + row + " has " + a.size() + " columns on " + leftName + ", " + b.size());
                    continue;
                }
                for (int c = 0; c < a.size(); c++) {
                    if (!sameValue(a.get(c), b.get(c))) {
                        out.add(flat(l.sql()) + ": row " + row + " column " + c + ": " + leftName + " '" + a.get(c) + "', "
                                + rightName + " '" + b.get(c) + "'");
                    }
                }
            }
        }
        return out;
    }

    /** A SELECT without ORDER BY returns its rows in no defined order: compare them sorted. */
    private static List<List<String>> inDefinedOrder(Outcome o) {
        if (o.sql().toUpperCase(Locale.ROOT).contains("ORDER BY")) {
            return o.rows();
        }
        List<List<String>> sorted = new ArrayList<>(o.rows());
        sorted.sort((x, y) -> String.join("\t", x).compareTo(String.join("\t", y)));
        return sorted;
    }

    static boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String flat(String sql) {
        String f = sql.replaceAll("\\s+", " ").trim();
        return f.length() <= 200 ? f : f.substring(0, 200) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    /** Passes everything to the engine and records every SELECT's outcome. */
    private static final class Recording implements ClickHouse {

        /** What the status reader and diag ask to show the server version (and clock): differs by design, not compared. */
        private static final Set<String> ENGINE_IDENTITY = Set.of("SELECT version()", ServerVersion.VERSION_AND_CLOCK_QUERY);

        private final ClickHouse engine;
        private final List<Outcome> outcomes = new ArrayList<>();

        Recording(ClickHouse engine) {
            this.engine = engine;
        }

        @Override
        public List<List<String>> query(String sql) {
            if (ENGINE_IDENTITY.contains(sql)) {
                return engine.query(sql);
            }
            try {
                List<List<String>> rows = engine.query(sql);
                outcomes.add(new Outcome(sql, rows, null));
                return rows;
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(sql, null, firstLine(e.getMessage())));
                throw e;
            }
        }

        @Override
        public List<Map<String, String>> queryNamed(String sql) {
            try {
                List<Map<String, String>> rows = engine.queryNamed(sql);
                List<List<String>> flat = new ArrayList<>();
                for (Map<String, String> row : rows) {
                    List<String> cells = new ArrayList<>();
                    row.forEach((k, v) -> {
                        cells.add(k);
                        cells.add(v);
                    });
                    flat.add(cells);
                }
                outcomes.add(new Outcome(sql, flat, null));
                return rows;
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(sql, null, firstLine(e.getMessage())));
                throw e;
            }
        }

        @Override
        public String url() {
            return engine.url();
        }

        @Override
        public boolean ping() {
            return engine.ping();
        }

        @Override
        public void execute(String sql) {
            engine.execute(sql);
        }

        @Override
        public void insertRowBinary(String table, byte[] rows, int length) {
            engine.insertRowBinary(table, rows, length);
        }

        @Override
        public void close() {
            // The engine belongs to the caller.
        }
    }
}
