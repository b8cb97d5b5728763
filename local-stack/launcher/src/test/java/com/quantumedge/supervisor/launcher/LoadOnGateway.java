package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A bot's steady traffic on a gateway, each stream on its own thread at a fixed rate: order checks
 * (limit orders at each symbol's price), fills (integer quantities, 60% buys, so positions are exact
 * sums) and a heartbeat a second. Every answer is recorded with when it was asked and answered; a
 * request with no answer within {@link #NO_ANSWER_AFTER} is recorded as {@code NO_ANSWER}.
 */
final class LoadOnGateway implements AutoCloseable {

    static final Duration NO_ANSWER_AFTER = Duration.ofSeconds(10);
    private static final int CHECK_THREADS = 4;
    private static final int CHECKS_PER_SECOND_PER_THREAD = 50;
    private static final int FILL_THREADS = 2;
    private static final int FILLS_PER_SECOND_PER_THREAD = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One order check's answer: HTTP status and decision code ({@code HTTP_<status>} or {@code NO_ANSWER} otherwise). */
    record Answer(long sentNanos, long answeredNanos, int status, String code) {
        boolean allowed() {
            return status == 200 && "OK".equals(code);
        }

        long latencyNanos() {
            return answeredNanos - sentNanos;
        }
    }

    /** One fill as sent, and the status it was answered with (202: the broker has it; -1: no answer). */
    record Fill(String execId, String symbol, boolean buy, int qty, int status) {
        boolean acknowledged() {
            return status == 202;
        }
    }

    record Result(List<Answer> checks, List<Fill> fills) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String gatewayUrl;
    private final String botToken;
    private final List<Map.Entry<String, Double>> prices;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<Answer> checks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Fill> fills = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private LoadOnGateway(String gatewayUrl, String botToken, Map<String, Double> prices) {
        this.gatewayUrl = gatewayUrl;
        this.botToken = botToken;
        this.prices = List.copyOf(prices.entrySet());
    }

    static LoadOnGateway start(String gatewayUrl, String botToken, Map<String, Double> prices) {
        LoadOnGateway load = new LoadOnGateway(gatewayUrl, botToken, prices);
        for (int i = 0; i < CHECK_THREADS; i++) {
            load.startThread("load-checks-" + i, CHECKS_PER_SECOND_PER_THREAD, load::check);
        }
        for (int i = 0; i < FILL_THREADS; i++) {
            load.startThread("load-fills-" + i, FILLS_PER_SECOND_PER_THREAD, load::fill);
        }
        load.startThread("load-heartbeats", 1, load::heartbeat);
        return load;
    }

    static Map<String, Object> order(String clientOrderId, String symbol, double price) {
        return Map.of("symbol", symbol, "side", "BUY", "order_type", "LIMIT", "quantity", 1, "price", price,
                "client_order_id", clientOrderId);
    }

    /** Stops sending, waits for the answers still outstanding, and returns everything recorded. */
    Result stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(NO_ANSWER_AFTER.toMillis() + 5_000);
        }
        return new Result(List.copyOf(checks), List.copyOf(fills));
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }

    private void startThread(String name, int perSecond, Runnable request) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        Thread t = new Thread(() -> {
            long next = System.nanoTime();
            while (running.get()) {
                request.run();
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                } else if (wait < -interval) {
                    next = System.nanoTime(); // behind: carry on at the rate, no burst to catch up
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void check() {
        Map.Entry<String, Double> symbol = symbol();
        long sent = System.nanoTime();
        HttpResponse<String> response = post("/api/v1/risk/evaluate",
                order("c-" + sequence.incrementAndGet(), symbol.getKey(), symbol.getValue()));
        long answered = System.nanoTime();
        checks.add(new Answer(sent, answered, response == null ? -1 : response.statusCode(), code(response)));
    }

    private void fill() {
        Map.Entry<String, Double> symbol = symbol();
        String execId = "x-" + UUID.randomUUID();
        boolean buy = ThreadLocalRandom.current().nextInt(10) < 6;
        int qty = 1 + ThreadLocalRandom.current().nextInt(3);
        HttpResponse<String> response = post("/api/v1/executions", Map.of("exec_id", execId, "exec_type", "FILL",
                "symbol", symbol.getKey(), "side", buy ? "BUY" : "SELL", "qty", qty, "price", symbol.getValue(), "leaves_qty", 0));
        fills.add(new Fill(execId, symbol.getKey(), buy, qty, response == null ? -1 : response.statusCode()));
    }

    private void heartbeat() {
        post("/api/v1/heartbeat", Map.of("equity", 1_000_000, "uptime_s", 1));
    }

    private Map.Entry<String, Double> symbol() {
        return prices.get(ThreadLocalRandom.current().nextInt(prices.size()));
    }

    private HttpResponse<String> post(String path, Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(NO_ANSWER_AFTER)
                    .header("Authorization", "Bearer " + botToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String code(HttpResponse<String> response) {
        if (response == null) {
            return "NO_ANSWER";
        }
        if (response.statusCode() != 200) {
            return "HTTP_" + response.statusCode();
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            return json.path("code").asText("NO_CODE");
        } catch (IOException e) {
            return "NOT_JSON";
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
