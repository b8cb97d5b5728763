package com.quantumedge.supervisor.gateway.botlane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.server.reactive.HttpHandler;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

import tools.jackson.databind.JsonNode;

/**
 * The bot lane must answer exactly as the full Spring stack does. Every case is sent to the shared
 * gateway (lane on, the default) and to a gateway with {@code supervisor.gateway.http.bot-lane=false},
 * and the two answers must agree on status, error code and field, response fields and header names.
 */
class BotLaneParityTest {

    private static final String HB = "/api/v1/heartbeat";
    private static final String EVAL = "/api/v1/risk/evaluate";
    private static final String EXEC = "/api/v1/executions";
    private static final String HEARTBEAT = "{\"uptime_s\": 12.5, \"equity\": 1000.0, \"trading_day\": \"2026-11-24\", "
            + "\"positions\": [{\"symbol\": \"BTCUSDT\", \"qty\": 0.1, \"avg_price\": 97000.0}], \"open_orders\": 1, \"mode\": \"live\"}";
    private static final String FILL = "{\"exec_id\":\"lane-%s\",\"exec_type\":\"FILL\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":0.1,\"price\":100}";
    private static final String ORDER = "{\"symbol\":\"ETHUSDT\",\"side\":\"BUY\",\"order_type\":\"MARKET\",\"quantity\":1}";
    /** Per-response values, not part of the contract's shape. */
    private static final Set<String> VOLATILE_HEADERS = Set.of("content-length", "date", "transfer-encoding");

    private static final RunningGateway lane = SharedGateway.get();
    private static RunningGateway spring;

    record Case(String name, String method, String path, String token, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startGatewayWithoutLane() {
        spring = RunningGateway.start(SharedKafkaBroker.bootstrapServers(), List.of(SharedGateway.BOT, SharedGateway.OTHER_BOT),
                "--supervisor.gateway.order-check.timeout=1500ms", "--supervisor.gateway.limits.max-body-bytes=8192",
                "--supervisor.gateway.http.bot-lane=false");
    }

    @AfterAll
    static void stop() {
        spring.close();
    }

    static Stream<Case> cases() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        return Stream.of(
                new Case("heartbeat", "POST", HB, "bot", json, HEARTBEAT),
                new Case("heartbeat with X-API-TOKEN", "POST", HB, "x-api-token", json, HEARTBEAT),
                new Case("heartbeat, JSON with charset", "POST", HB, "bot", Map.of("Content-Type", "application/json;charset=UTF-8"), HEARTBEAT),
                new Case("heartbeat, Accept JSON", "POST", HB, "bot", Map.of("Content-Type", "application/json", "Accept", "application/json"), HEARTBEAT),
                new Case("heartbeat, Accept anything", "POST", HB, "bot", Map.of("Content-Type", "application/json", "Accept", "*/*"), HEARTBEAT),
                new Case("heartbeat without token", "POST", HB, null, json, HEARTBEAT),
                new Case("heartbeat with unknown token", "POST", HB, "unknown", json, HEARTBEAT),
                new Case("heartbeat with empty bearer", "POST", HB, "empty", json, HEARTBEAT),
                new Case("heartbeat by viewer", "POST", HB, "viewer", json, HEARTBEAT),
                new Case("heartbeat by operator", "POST", HB, "operator", json, HEARTBEAT),
                new Case("heartbeat as text/plain", "POST", HB, "bot", Map.of("Content-Type", "text/plain"), HEARTBEAT),
                new Case("heartbeat without content type", "POST", HB, "bot", Map.of(), HEARTBEAT),
                new Case("heartbeat with unparsable content type", "POST", HB, "bot", Map.of("Content-Type", "json;;;=/"), HEARTBEAT),
                new Case("heartbeat accepting only HTML", "POST", HB, "bot", Map.of("Content-Type", "application/json", "Accept", "text/html"), HEARTBEAT),
                new Case("heartbeat over the body limit", "POST", HB, "bot", json, "{\"pad\":\"" + "x".repeat(9000) + "\"}"),
                new Case("heartbeat over the body limit, chunked", "POST", HB, "bot", Map.of("Content-Type", "application/json", "X-Chunked", "1"),
                        "{\"pad\":\"" + "x".repeat(9000) + "\"}"),
                new Case("heartbeat, malformed JSON", "POST", HB, "bot", json, "{\"uptime_s\": "),
                new Case("heartbeat, empty body", "POST", HB, "bot", json, ""),
                new Case("heartbeat, JSON array", "POST", HB, "bot", json, "[1,2]"),
                new Case("heartbeat, string number", "POST", HB, "bot", json, "{\"equity\":\"12\"}"),
                new Case("heartbeat for another bot", "POST", HB, "bot", json, "{\"bot_id\":\"" + SharedGateway.OTHER_BOT + "\"}"),
                new Case("heartbeat, bad nested position", "POST", HB, "bot", json, "{\"positions\":[{\"symbol\":\"btc usdt\",\"qty\":1}]}"),
                new Case("heartbeat, flat positions as Binance lists them", "POST", HB, "bot", json,
                        "{\"positions\":[{\"symbol\":\"ETHUSDT\",\"qty\":0,\"avg_price\":0,\"mark_price\":0},"
                                + "{\"symbol\":\"BTC/USDT:USDT\",\"qty\":-0.25,\"avg_price\":97000,\"mark_price\":96500}]}"),
                new Case("heartbeat, open position with avg_price 0", "POST", HB, "bot", json,
                        "{\"positions\":[{\"symbol\":\"BTCUSDT\",\"qty\":1,\"avg_price\":0}]}"),
                new Case("heartbeat, realized PnL 1e308", "POST", HB, "bot", json, "{\"realized_pnl_today\":1e308}"),
                new Case("heartbeat, bot_id as a number", "POST", HB, "bot", json, "{\"bot_id\":1e999}"),
                new Case("heartbeat with a query string", "POST", HB + "?x=1", "bot", json, HEARTBEAT),
                new Case("heartbeat from a browser (Origin)", "POST", HB, "bot", Map.of("Content-Type", "application/json", "Origin", "http://evil.example"), HEARTBEAT),
                new Case("GET heartbeat", "GET", HB, "bot", Map.of(), null),
                new Case("heartbeat, trailing slash", "POST", HB + "/", "bot", json, HEARTBEAT),
                new Case("execution", "POST", EXEC, "bot", json, FILL),
                new Case("execution, OKX swap symbol", "POST", EXEC, "bot", json, FILL.replace("BTCUSDT", "BTC-USDT-SWAP")),
                new Case("execution, fee 1e16", "POST", EXEC, "bot", json, FILL.replace("}", ",\"fee\":1e16}")),
                new Case("execution without exec_id", "POST", EXEC, "bot", json, "{\"exec_type\":\"FILL\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":1,\"price\":1}"),
                new Case("execution by operator", "POST", EXEC, "operator", json, FILL),
                new Case("order check without a decision", "POST", EVAL, "bot", json, ORDER),
                new Case("order check, limit without price", "POST", EVAL, "bot", json, ORDER.replace("MARKET", "LIMIT")),
                new Case("order check, leverage 500", "POST", EVAL, "bot", json, ORDER.replace("}", ",\"leverage\":500}")),
                new Case("order check, ccxt option symbol", "POST", EVAL, "bot", json, ORDER.replace("ETHUSDT", "BTC/USD:BTC-241227-100000-C")),
                new Case("order check, symbol with a control character", "POST", EVAL, "bot", json, ORDER.replace("ETHUSDT", "ETH\\u0000USDT")),
                new Case("order check, notional 1e16", "POST", EVAL, "bot", json, ORDER.replace("}", ",\"notional\":1e16}")),
                new Case("order check without token", "POST", EVAL, null, json, ORDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the lane answers as the Spring stack does")
    void sameAnswer(Case c) {
        Http.Response viaLane = send(lane, c);
        Http.Response viaSpring = send(spring, c);

        assertThat(viaLane.status()).as("status").isEqualTo(viaSpring.status());
        assertThat(shape(viaLane)).as("body shape").isEqualTo(shape(viaSpring));
        assertThat(headerNames(viaLane)).as("header names").isEqualTo(headerNames(viaSpring));
        assertThat(viaLane.header("Content-Type")).as("content type").isEqualTo(viaSpring.header("Content-Type"));
    }

    @Test
    @DisplayName("the per-token rate limit refuses with 429 and Retry-After on both paths")
    void rateLimit() {
        for (RunningGateway gateway : List.of(lane, spring)) {
            List<Integer> statuses = new ArrayList<>();
            Http.Response refused = null;
            for (int i = 0; i < 6; i++) {
                Http.Response r = Http.postJson(gateway.url(HB), gateway.token("throttled-bot"), HEARTBEAT);
                statuses.add(r.status());
                if (r.status() == 429) {
                    refused = r;
                }
            }
            assertThat(statuses).as("statuses").contains(200, 429);
            assertThat(refused.json().at("/error/code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    @DisplayName("the lane is in front of WebFlux by default and absent when switched off")
    void laneIsWhereConfigured() {
        assertThat(lane.context().getBean(HttpHandler.class)).isInstanceOf(BotLane.class);
        assertThat(spring.context().getBean(HttpHandler.class)).isNotInstanceOf(BotLane.class);
    }

    @Test
    @DisplayName("requests served by the lane are timed as http.server.requests by route and status")
    void laneRequestsAreTimed() {
        Http.postJson(lane.url(HB), lane.token(SharedGateway.BOT), HEARTBEAT);
        Http.postJson(lane.url(EXEC), lane.token(SharedGateway.BOT), "{}");

        String metrics = Http.get(lane.url("/actuator/prometheus"), lane.token("viewer")).body();
        assertThat(metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{"))
                .filter(l -> l.contains("uri=\"/api/v1/heartbeat\"") && l.contains("status=\"200\"") && l.contains("outcome=\"SUCCESS\"")))
                .isNotEmpty();
        assertThat(metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{"))
                .filter(l -> l.contains("uri=\"/api/v1/executions\"") && l.contains("status=\"400\"")))
                .isNotEmpty();
        assertThat(metrics).contains("gateway_input_rejected_total");
    }

    private static Http.Response send(RunningGateway gateway, Case c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(c.path()))).timeout(Duration.ofSeconds(15));
        c.headers().forEach((name, value) -> {
            if (!name.equals("X-Chunked")) {
                b.header(name, value);
            }
        });
        switch (c.token() == null ? "none" : c.token()) {
            case "none" -> { }
            case "unknown" -> b.header("Authorization", "Bearer " + RunningGateway.newToken());
            case "empty" -> b.header("Authorization", "Bearer ");
            case "x-api-token" -> b.header("X-API-TOKEN", gateway.token(SharedGateway.BOT));
            case "bot" -> b.header("Authorization", "Bearer " + gateway.token(SharedGateway.BOT));
            default -> b.header("Authorization", "Bearer " + gateway.token(c.token()));
        }
        if (c.body() == null) {
            b.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else if (c.headers().containsKey("X-Chunked")) {
            b.method(c.method(), unknownLength(c.body()));
        } else {
            b.method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()));
        }
        return Http.send(b.build());
    }

    /** A body without Content-Length, so the client sends it chunked. */
    private static HttpRequest.BodyPublisher unknownLength(String body) {
        HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                known.subscribe(subscriber);
            }
        };
    }

    /** Status-independent shape: the error's code and field, or the set of answer fields. */
    private static Map<String, Object> shape(Http.Response response) {
        Map<String, Object> shape = new LinkedHashMap<>();
        if (response.body().isBlank()) {
            return shape;
        }
        JsonNode json = response.json();
        if (json.has("error") && json.get("error").isObject()) {
            shape.put("code", json.at("/error/code").asString());
            shape.put("field", json.at("/error/field").isNull() ? null : json.at("/error/field").asString());
            shape.put("message", json.at("/error/message").asString());
        } else {
            shape.put("fields", new TreeSet<>(json.propertyNames()));
        }
        return shape;
    }

    private static Set<String> headerNames(Http.Response response) {
        Set<String> names = new TreeSet<>();
        response.headers().map().keySet().stream().map(String::toLowerCase).filter(n -> !VOLATILE_HEADERS.contains(n)).forEach(names::add);
        return names;
    }
}
