package com.quantumedge.supervisor.clickhouse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.LocalClickHouse;

/**
 * One real ClickHouse server per test JVM, started on first use on free ports with its data under
 * {@code target/}, stopped and deleted when the JVM exits. Tests isolate themselves by database
 * ({@link #uniqueDatabase()}). Without ClickHouse installed the tests are skipped with a message,
 * except under {@code CI=true}, where they fail: CI must run them.
 */
public final class SharedClickHouse {

    private static volatile LocalClickHouse server;
    private static volatile ClickHouse client;

    private SharedClickHouse() {
    }

    public static LocalClickHouse server() {
        LocalClickHouse s = server;
        if (s == null) {
            synchronized (SharedClickHouse.class) {
                s = server;
                if (s == null) {
                    requireInstalled();
                    s = startOwn("shared");
                    server = s;
                }
            }
        }
        return s;
    }

    public static String url() {
        return server().url();
    }

    public static ClickHouse client() {
        ClickHouse c = client;
        if (c == null) {
            synchronized (SharedClickHouse.class) {
                c = client;
                if (c == null) {
                    c = ClickHouse.connect(url());
                    client = c;
                }
            }
        }
        return c;
    }

    public static String uniqueDatabase() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A server of the test's own, for tests that stop and start it; stopped and deleted at JVM exit. */
    public static LocalClickHouse startOwn(String name) {
        requireInstalled();
        Path dir = Path.of("target", "test-clickhouse-" + name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        LocalClickHouse started = LocalClickHouse.start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            deleteQuietly(dir);
        }, "clickhouse-" + name + "-shutdown"));
        return started;
    }

    public static void requireInstalled() {
        if (LocalClickHouse.installed()) {
            return;
        }
        String message = "ClickHouse is not installed (clickhouse-server not found): run scripts/install-test-deps.sh";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " -- under CI=true the ClickHouse tests must run");
        }
        Assumptions.abort(message);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: target/ is cleaned by the build anyway.
        }
    }
}
