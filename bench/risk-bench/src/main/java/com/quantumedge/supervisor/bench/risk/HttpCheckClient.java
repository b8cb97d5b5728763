package com.quantumedge.supervisor.bench.risk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order checks as the bot makes them: {@code POST /api/v1/risk/evaluate} to the gateway with a
 * bot token, answered after gateway → Kafka → risk-stream → Kafka → gateway. Requests rotate over
 * bots (one token each) and alternate sides.
 */
final class HttpCheckClient implements CheckClient {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    record Bot(String id, String token) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final List<Bot> bots;

    HttpCheckClient(String gatewayUrl, List<Bot> bots) {
        this.uri = URI.create(gatewayUrl + "/api/v1/risk/evaluate");
        this.bots = bots;
    }

    @Override
    public CompletableFuture<String> check(int i) {
        Bot bot = bots.get(i % bots.size());
        String body = "{\"bot_id\":\"" + bot.id() + "\",\"symbol\":\"BTCUSDT\",\"side\":\"" + (i % 2 == 0 ? "BUY" : "SELL")
                + "\",\"order_type\":\"LIMIT\",\"quantity\":0.01,\"price\":60000.0,\"client_order_id\":\"h-" + i + "\"}";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bot.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            Matcher m = CODE.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? m.group(1) : "HTTP_" + r.statusCode();
        });
    }

    @Override
    public String name() {
        return "HTTP gateway->risk->gateway";
    }

    @Override
    public void close() {
        // The JDK 17 HttpClient has no close(); its connections die with it.
    }
}
