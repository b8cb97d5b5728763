package com.quantumedge.supervisor.localmonitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where a local Alertmanager's {@code webhook_configs} deliver: every notification it POSTs is
 * kept (the last {@value #KEPT} in memory) and, with a journal, appended as one JSON line
 * {@code {"receivedAt":…,"path":…,"payload":{…}}} so another process ({@code ./supervisor alerts})
 * can show what was sent. The payload is Alertmanager's webhook body as it came.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT = 1000;
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /** One delivered notification. */
    public record Notification(Instant receivedAt, String path, JsonNode payload) {

        /** {@code firing} or {@code resolved}: the status of the group as Alertmanager sent it. */
        public String status() {
            return payload.path("status").asText();
        }

        /** Every alert of the notification. */
        public List<JsonNode> alerts() {
            List<JsonNode> alerts = new ArrayList<>();
            payload.path("alerts").forEach(alerts::add);
            return alerts;
        }

        /** A label common to all alerts of the notification, or "" . */
        public String commonLabel(String name) {
            return payload.path("commonLabels").path(name).asText("");
        }
    }

    private final HttpServer server;
    private final Path journal;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server, Path journal) {
        this.server = server;
        this.journal = journal;
    }

    /** Listens on a free loopback port; {@code journal} may be null (memory only). */
    public static WebhookReceiver start(Path journal) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            WebhookReceiver receiver = new WebhookReceiver(server, journal == null ? null : journal.toAbsolutePath());
            if (journal != null) {
                Files.createDirectories(receiver.journal.getParent());
            }
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "webhook-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the webhook receiver", e);
        }
    }

    /** The URL to put in {@code webhook_configs}; any path under it is accepted and recorded. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alertmanager";
    }

    public List<Notification> notifications() {
        return List.copyOf(received);
    }

    /** The notifications matching {@code match}, once there are at least {@code count}; fails after {@code timeout}. */
    public List<Notification> await(Predicate<Notification> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Notification> matching = received.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching notification(s) within " + timeout
                        + ", got " + matching.size() + " of " + received.size() + ": " + received);
            }
            ServerProcess.sleep(Duration.ofMillis(100));
        }
    }

    /** The notifications a journal holds, oldest first; lines that are not JSON are skipped. */
    public static List<Notification> readJournal(Path journal) {
        if (!Files.isRegularFile(journal)) {
            return List.of();
        }
        try {
            List<Notification> out = new ArrayList<>();
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = JSON.readTree(line);
                    out.add(new Notification(Instant.parse(n.path("receivedAt").asText()), n.path("path").asText(),
                            n.path("payload")));
                } catch (IOException | RuntimeException e) {
                    log.debug("skipping a journal line that is not a notification: {}", e.toString());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(body);
            } catch (IOException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Notification n = new Notification(Instant.now(), exchange.getRequestURI().getPath(), payload);
            // Journal first: whoever sees it in memory may read the journal next and must find it there.
            if (journal != null) {
                ObjectNode line = JSON.createObjectNode();
                line.put("receivedAt", n.receivedAt().toString());
                line.put("path", n.path());
                line.set("payload", payload);
                Files.writeString(journal, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            received.add(n);
            while (received.size() > KEPT) {
                received.remove(0);
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
