package com.quantumedge.supervisor.localmonitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A project-local Prometheus server (Debian's {@code prometheus}) on a free loopback port, its
 * configuration and TSDB under one directory, with the lifecycle API on so a changed configuration
 * is taken by {@link #reload()}.
 */
public final class LocalPrometheus extends LocalServer {

    public static final String CONFIG_FILE = "prometheus.yml";
    private static final Duration RESEND_DELAY = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalPrometheus(Path dir, int port, List<String> command) {
        super("prometheus", dir, port, command);
    }

    public static Optional<Path> binary() {
        return Binaries.find(List.of("prometheus"));
    }

    /** {@code promtool}, which checks and unit-tests rule files. */
    public static Optional<Path> promtool() {
        return Binaries.find(List.of("promtool"));
    }

    public static boolean installed() {
        return binary().isPresent();
    }

    /**
     * Starts one with {@code config} (prometheus.yml content; rule files it names are read from
     * where it says, relative paths from {@code dir}); returns once it is ready.
     */
    public static LocalPrometheus start(Path dir, String config) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "Prometheus is not installed: run scripts/install-test-deps.sh (apt-get install prometheus)"));
        Path home = prepare(dir, CONFIG_FILE, config);
        int port = ServerProcess.freePort();
        List<String> command = List.of(binary.toString(),
                "--config.file=" + home.resolve(CONFIG_FILE),
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle",
                // An alert that fires before Alertmanager is discovered is dropped and only sent again
                // after this delay (1m by default): short here, so a local page is not a minute late.
                "--rules.alert.resend-delay=" + RESEND_DELAY.toSeconds() + "s",
                "--log.level=warn");
        return new LocalPrometheus(home, port, command);
    }

    /** Rewrites prometheus.yml and asks the server to load it (and the rule files it names) again. */
    public void reload(String config) {
        try {
            Files.writeString(dir().resolve(CONFIG_FILE), config);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Prometheus refused the configuration: " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET of an HTTP API path such as {@code /api/v1/alerts}; the JSON body as text. */
    public String get(String pathAndQuery) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + pathAndQuery + " → " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An instant PromQL query; the JSON body as text. */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }
}
