package com.quantumedge.supervisor.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every SQL string constant in the main code of the modules that talk to ClickHouse, found by
 * reading their sources: a string literal or text block that starts a statement or holds one of its
 * clauses (a piece of a statement built by concatenation). The dialect test
 * requires each to have run, so a new statement cannot be added without being proven on both
 * engines; outside {@code clickhouse/} there must be none (statements live in this module, where
 * the dialect test can run them).
 */
final class MainSqlStatements {

    /** The modules whose main code talks to ClickHouse, relative to the repository root. */
    static final List<String> MODULES = List.of("clickhouse", "tsdb-sink", "ingest-gateway", "local-stack/launcher");
    static final String OWN_MODULE = "clickhouse";

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"[ \\t]*\\R(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern STATEMENT_START = Pattern.compile(
            "^\\s*\\)?\\s*(SELECT|INSERT INTO|ALTER TABLE|CREATE|DROP|OPTIMIZE|TRUNCATE|RENAME|EXCHANGE|SYSTEM|WITH|DETACH|ATTACH)\\s");
    /** A piece of a statement built by concatenation, e.g. {@code ") ENGINE = ReplacingMergeTree()"}. */
    private static final Pattern STATEMENT_CLAUSE = Pattern.compile(
            "(^|\\s|\\))(FROM|WHERE|ENGINE =|PARTITION BY|ORDER BY|GROUP BY|INTERVAL|SETTINGS|VALUES|ADD COLUMN|DROP PARTITION)(\\s|$)");
    /** A format specifier ({@code %s}, {@code %d}, ...): the text between them is fixed. */
    private static final Pattern SPECIFIER = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(]*\\d*(?:\\.\\d+)?[a-zA-Z]");

    /** One statement constant: where it is and its fixed fragments (the text between format specifiers). */
    record Constant(String module, String file, int line, String text) {

        List<String> fragments() {
            List<String> out = new ArrayList<>();
            for (String piece : SPECIFIER.split(text.replace("%%", "\u0000"))) {
                String f = normalized(piece.replace('\u0000', '%'));
                if (!f.isEmpty()) {
                    out.add(f);
                }
            }
            return out;
        }

        /** The fragments that no statement in {@code ran} contains; {@code ran} as {@link #normalizedAll} returns it. */
        List<String> missingFrom(Collection<String> ran) {
            return fragments().stream().filter(f -> ran.stream().noneMatch(s -> s.contains(f))).toList();
        }

        @Override
        public String toString() {
            return module + "/" + file + ":" + line + " \"" + abbreviated(normalized(text)) + "\"";
        }
    }

    private MainSqlStatements() {
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve(OWN_MODULE))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    static List<Constant> find(Path root) {
        List<Constant> out = new ArrayList<>();
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    out.addAll(find(module, sources.relativize(file).toString(), Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<Constant> find(String module, String file, String source) {
        List<Constant> out = new ArrayList<>();
        StringBuilder rest = new StringBuilder(source);
        Matcher blocks = TEXT_BLOCK.matcher(source);
        while (blocks.find()) {
            add(out, module, file, lineOf(source, blocks.start()), blocks.group(1));
            // Blank the block out (keeping line breaks) so its quotes are not read as strings below.
            for (int i = blocks.start(); i < blocks.end(); i++) {
                if (rest.charAt(i) != '\n') {
                    rest.setCharAt(i, ' ');
                }
            }
        }
        Matcher strings = STRING.matcher(rest);
        while (strings.find()) {
            add(out, module, file, lineOf(source, strings.start()), unescaped(strings.group(1)));
        }
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    private static void add(List<Constant> out, String module, String file, int line, String text) {
        if (STATEMENT_START.matcher(text).find() || STATEMENT_CLAUSE.matcher(text).find()) {
            out.add(new Constant(module, file, line, text));
        }
    }

    private static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String unescaped(String literal) {
        return literal.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
    }

    static List<String> normalizedAll(Collection<String> statements) {
        return statements.stream().map(MainSqlStatements::normalized).toList();
    }

    static String normalized(String sql) {
        // A text block's trailing backslash joins lines; any run of whitespace reads the same to ClickHouse.
        return sql.replace("\\\n", " ").replaceAll("\\s+", " ").trim();
    }

    private static String abbreviated(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
