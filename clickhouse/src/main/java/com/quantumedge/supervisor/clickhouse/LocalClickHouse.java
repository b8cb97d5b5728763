package com.quantumedge.supervisor.clickhouse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A project-local ClickHouse server process: its own config, data and logs under one directory, on
 * free loopback ports, never the system service. Used by the tests, the benchmark and the
 * all-in-one launcher; {@code scripts/clickhouse.sh} does the same from a shell.
 */
public final class LocalClickHouse implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final List<String> command;
    private final int httpPort;
    private final int tcpPort;
    private volatile Process process;

    private LocalClickHouse(Path dir, List<String> command, int httpPort, int tcpPort) {
        this.dir = dir;
        this.command = command;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
    }

    /** The command that runs a server here, or empty when ClickHouse is not installed. */
    public static Optional<List<String>> serverCommand() {
        for (String candidate : List.of("/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server",
                "/usr/local/bin/clickhouse-server")) {
            if (new File(candidate).canExecute()) {
                return Optional.of(List.of(candidate));
            }
        }
        for (String candidate : List.of("/usr/bin/clickhouse", "/usr/local/bin/clickhouse")) {
            if (new File(candidate).canExecute()) {
                return Optional.of(List.of(candidate, "server"));
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            File f = new File(entry, "clickhouse-server");
            if (f.canExecute()) {
                return Optional.of(List.of(f.getAbsolutePath()));
            }
        }
        return Optional.empty();
    }

    public static boolean installed() {
        return serverCommand().isPresent();
    }

    /** Starts a server with data under {@code dir} on free ports and returns once it answers. */
    public static LocalClickHouse start(Path dir) {
        List<String> command = serverCommand().orElseThrow(() -> new IllegalStateException(
                "ClickHouse is not installed: run scripts/install-test-deps.sh (apt-get install clickhouse-server)"));
        int http = freePort();
        int tcp = freePort();
        while (tcp == http) {
            tcp = freePort();
        }
        LocalClickHouse server = new LocalClickHouse(dir.toAbsolutePath(), command, http, tcp);
        server.launch();
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path dir() {
        return dir;
    }

    /** The server's process id (for CPU accounting in benchmarks); -1 when it is not running. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Stops the server the hard way (SIGKILL): what a crash or an outage looks like to the sink. */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(20));
        }
    }

    /** Starts the server again on the same ports with the same data. */
    public void restart() {
        if (running()) {
            close();
        }
        launch();
    }

    @Override
    public void close() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        if (!waitFor(p, Duration.ofSeconds(20))) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(10));
        }
    }

    private void launch() {
        try {
            writeConfig();
            List<String> cmd = new ArrayList<>(command);
            cmd.add("--config-file=" + dir.resolve("config.xml"));
            process = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ClickHouse in " + dir, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ClickHouse exited with " + process.exitValue() + " during start; see "
                        + dir.resolve("log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/ping"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting ClickHouse", e);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("ClickHouse did not answer within " + START_TIMEOUT + "; see " + dir.resolve("log"));
    }

    private void writeConfig() throws IOException {
        for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("users.xml"), """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
                  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                    <profile>default</profile><quota>default</quota></default></users>
                  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
                </yandex>
                """);
        String d = dir.toString();
        Files.writeString(dir.resolve("config.xml"), """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/log/server.log</log><errorlog>%1$s/log/server.err.log</errorlog>
                    <size>50M</size><count>2</count></logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <max_connections>256</max_connections>
                  <keep_alive_timeout>3</keep_alive_timeout>
                  <max_concurrent_queries>100</max_concurrent_queries>
                  <uncompressed_cache_size>268435456</uncompressed_cache_size>
                  <mark_cache_size>268435456</mark_cache_size>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <mlock_executable>false</mlock_executable>
                </yandex>
                """.formatted(d, httpPort, tcpPort));
    }

    private static boolean waitFor(Process p, Duration d) {
        try {
            return p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
