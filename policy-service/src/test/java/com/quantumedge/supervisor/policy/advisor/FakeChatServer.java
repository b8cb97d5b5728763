package com.quantumedge.supervisor.policy.advisor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on a free loopback port that plays an OpenAI-compatible chat endpoint:
 * answers each request as told (advice, any content, an error status, or never), and records
 * what it received and when.
 */
public final class FakeChatServer implements AutoCloseable {

    /** How to answer one request. */
    public record Reply(int status, String body, boolean hangs) {

        public static Reply content(String content) {
            ObjectNode completion = JSON.createObjectNode();
            completion.put("id", "chatcmpl-test").put("object", "chat.completion");
            completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                    .putObject("message").put("role", "assistant").put("content", content);
            return new Reply(200, JSON.writeValueAsString(completion), false);
        }

        public static Reply advice(String action, Double multiplier, String reason) {
            ObjectNode advice = JSON.createObjectNode().put("action", action).put("risk_multiplier", multiplier)
                    .put("reason", reason);
            return content(JSON.writeValueAsString(advice));
        }

        public static Reply status(int status) {
            return new Reply(status, "{\"error\":{\"message\":\"test says " + status + "\"}}", false);
        }

        public static Reply body(String body) {
            return new Reply(200, body, false);
        }

        public static Reply hang() {
            return new Reply(0, null, true);
        }
    }

    /** One request as received. */
    public record Received(String body, String authorization, long arrivalNanos) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger hanging = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Function<String, Reply> replies = body -> Reply.advice("NONE", null, "all fine");

    public FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every request gets this reply. */
    public FakeChatServer answer(Reply reply) {
        return answerBy(body -> reply);
    }

    /** Replies in this order, the last one for every request after. */
    public FakeChatServer answerInTurn(Reply... inOrder) {
        AtomicInteger next = new AtomicInteger();
        return answerBy(body -> inOrder[Math.min(next.getAndIncrement(), inOrder.length - 1)]);
    }

    /** The reply chosen by the request body (the prompt names the bot). */
    public FakeChatServer answerBy(Function<String, Reply> chooser) {
        this.replies = chooser;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int requests() {
        return received.size();
    }

    /** Requests being held without an answer right now. */
    public int hanging() {
        return hanging.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("Authorization"), System.nanoTime()));
            Reply reply = replies.apply(body);
            if (reply.hangs()) {
                hanging.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    hanging.decrementAndGet();
                }
                return;
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
