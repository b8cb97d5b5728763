package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Real payload shapes through one local stack (real broker, every service in-process): a Binance-style
 * heartbeat listing flat symbols next to an open one, then every symbol family a real stack sends, each
 * through order check, fill over HTTP, position in the risk state, and a per-symbol limit keyed by that
 * exact symbol (published as data on {@code sup.risk-limits.v1}) that denies the next order. The bot's
 * own limits are wide, so a denial proves the symbol reached the risk engine unchanged and found its override.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SymbolFamiliesThroughGatewayTest {

    private static final double PRICE = 100;
    /** Per symbol: at most 5 per order and 200 of exposure, so one filled unit (100) plus 1.5 more (150) is too much. */
    private static final double SYMBOL_MAX_QTY = 5;
    private static final double SYMBOL_MAX_EXPOSURE = 200;
    /** Only here to learn when the published limits are in force; never traded by a row. */
    private static final String PROBE_SYMBOL = "LIMITS-PROBE";
    private static final double HEARTBEAT_EQUITY = 1_000_123;

    static Stream<Arguments> symbolFamilies() {
        return Stream.of(
                Arguments.of("Binance USDⓈ-M perpetual", "BTCUSDT"),
                Arguments.of("Binance 1000-unit contract", "1000PEPEUSDT"),
                Arguments.of("ccxt unified perpetual", "BTC/USDT:USDT"),
                Arguments.of("ccxt unified dated future", "BTC/USDT:USDT-241227"),
                Arguments.of("ccxt unified option", "BTC/USD:BTC-241227-100000-C"),
                Arguments.of("OKX swap", "BTC-USDT-SWAP"),
                Arguments.of("Deribit perpetual", "BTC-PERPETUAL"),
                Arguments.of("Deribit option", "BTC-27DEC24-100000-C"),
                Arguments.of("Kraken Futures perpetual", "PF_XBTUSD"),
                // Case is kept: if it were folded, this row would find the PF_XBTUSD position and exposure.
                Arguments.of("Kraken Futures, lowercase as its API sends it", "pf_xbtusd"));
    }

    private static List<String> limitedSymbols() {
        List<String> symbols = new ArrayList<>(symbolFamilies().map(a -> (String) a.get()[1]).toList());
        symbols.add(PROBE_SYMBOL);
        return symbols;
    }

    private static LocalStack stack;
    private static StackHttp http;
    private static String bot;
    private static String botToken;
    private static String viewerToken;

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Files.createDirectories(Path.of("target", "symbol-families-" + UUID.randomUUID()).toAbsolutePath());
        stack = LocalStack.start(new SupervisorHome(home), new LocalStack.Options(false, null, 0, null, false));
        Map<String, String> env = stack.env();
        http = new StackHttp(env.get("GATEWAY_URL"));
        bot = env.get("BOT_ID");
        botToken = env.get("BOT_TOKEN");
        viewerToken = env.get("VIEWER_TOKEN");
        StackTopics.publish(env.get("KAFKA_BOOTSTRAP"), Topics.RISK_LIMITS, bot, limits());
        assertThat(http.post("/api/v1/heartbeat", botToken, Map.of("equity", 1_000_000, "uptime_s", 1)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(check(PROBE_SYMBOL, "BUY", SYMBOL_MAX_QTY + 1).path("code").asText()).isEqualTo("QTY_EXCEEDS_MAX"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a Binance-style heartbeat with five flat positions (entry price 0, mark 0 or absent) and one open short is accepted "
            + "and agrees with the fills; flat marks still price market orders")
    void binanceHeartbeatWithFlatPositions() {
        String clientOrderId = "o-" + UUID.randomUUID();
        JsonNode allowed = http.evaluate(botToken, Map.of("symbol", "ETHUSDT", "side", "SELL", "order_type", "LIMIT",
                "quantity", 0.25, "price", 3_800, "client_order_id", clientOrderId));
        assertThat(allowed.path("code").asText()).as(allowed.toString()).isEqualTo("OK");
        fill("ETHUSDT", "SELL", 0.25, 3_800, clientOrderId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(position("ETHUSDT")).as("position of ETHUSDT").isNotNull());

        // As a bot maps Binance positionRisk (positionAmt, entryPrice, markPrice) onto the heartbeat, flat symbols included.
        Map<String, Object> flatWithoutMark = new HashMap<>(Map.of("symbol", "DOGEUSDT", "qty", 0));
        HttpResponse<String> heartbeat = http.post("/api/v1/heartbeat", botToken, Map.of(
                "equity", HEARTBEAT_EQUITY, "uptime_s", 60, "realized_pnl_today", 0, "unrealized_pnl", 2.5,
                "positions", List.of(
                        Map.of("symbol", "SOLUSDT", "qty", 0, "avg_price", 0, "mark_price", 236.79),
                        Map.of("symbol", "XRPUSDT", "qty", 0, "avg_price", 0, "mark_price", 0),
                        Map.of("symbol", "BNBUSDT", "qty", 0, "avg_price", 0, "mark_price", 690.5),
                        Map.of("symbol", "SRMUSDT", "qty", 0, "avg_price", 0, "mark_price", 0),
                        flatWithoutMark,
                        Map.of("symbol", "ETHUSDT", "qty", -0.25, "avg_price", 3_800, "mark_price", 3_790))));
        assertThat(heartbeat.statusCode()).as(heartbeat.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode view = http.get("/api/v1/bots/" + bot, viewerToken);
            assertThat(view.path("equity").asDouble()).isEqualTo(HEARTBEAT_EQUITY);
            JsonNode eth = position("ETHUSDT");
            assertThat(eth.path("qty").asDouble()).isEqualTo(-0.25);
            assertThat(eth.path("mark_price").asDouble()).isEqualTo(3_790.0);
            assertThat(eth.path("exposure").asDouble()).isEqualTo(0.25 * 3_790);
        });
        for (JsonNode p : http.get("/api/v1/bots/" + bot, viewerToken).path("positions")) {
            if (!p.path("symbol").asText().equals("ETHUSDT")) {
                assertThat(p.path("qty").asDouble()).as("only ETHUSDT is open: " + p).isZero();
                assertThat(p.path("exposure").asDouble()).as("a flat symbol has no exposure: " + p).isZero();
            }
        }

        JsonNode sol = check("SOLUSDT", "BUY", 2, "MARKET");
        assertThat(sol.path("notional").asDouble()).as("a flat symbol's mark values a market order: " + sol).isEqualTo(2 * 236.79);
        JsonNode xrp = check("XRPUSDT", "BUY", 2, "MARKET");
        assertThat(xrp.path("code").asText()).as("mark 0 is unknown, not a price: " + xrp).isEqualTo("MARKET_PRICE_UNAVAILABLE");
        assertThat(http.get("/api/v1/dashboard/events?types=POSITION_MISMATCH&bot_id=" + bot, viewerToken).path("events"))
                .as("flat reports agree with flat books").isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("symbolFamilies")
    @Order(2)
    @DisplayName("order check, fill, position, then the symbol's own limits deny by quantity and by exposure")
    void symbolFamilyEndToEnd(String family, String symbol) {
        String clientOrderId = "o-" + UUID.randomUUID();
        JsonNode allowed = check(symbol, "BUY", 1, "LIMIT", clientOrderId);
        assertThat(allowed.path("code").asText()).as(allowed.toString()).isEqualTo("OK");

        fill(symbol, "BUY", 1, PRICE, clientOrderId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode position = position(symbol);
            assertThat(position).as("position of " + symbol).isNotNull();
            assertThat(position.path("qty").asDouble()).isEqualTo(1.0);
            assertThat(position.path("exposure").asDouble()).isEqualTo(PRICE);
        });

        JsonNode tooMuchQty = check(symbol, "BUY", SYMBOL_MAX_QTY + 1);
        assertThat(tooMuchQty.path("code").asText()).as(tooMuchQty.toString()).isEqualTo("QTY_EXCEEDS_MAX");
        assertThat(tooMuchQty.path("limit").asDouble()).isEqualTo(SYMBOL_MAX_QTY);

        JsonNode tooMuchExposure = check(symbol, "BUY", 1.5);
        assertThat(tooMuchExposure.path("code").asText()).as(tooMuchExposure.toString()).isEqualTo("SYMBOL_EXPOSURE_EXCEEDS_MAX");
        assertThat(tooMuchExposure.path("limit").asDouble()).isEqualTo(SYMBOL_MAX_EXPOSURE);
        assertThat(tooMuchExposure.path("value").asDouble()).isEqualTo(250.0);
    }

    private static void fill(String symbol, String side, double qty, double price, String clientOrderId) {
        HttpResponse<String> fill = http.post("/api/v1/executions", botToken, Map.of("exec_id", "x-" + UUID.randomUUID(),
                "exec_type", "FILL", "symbol", symbol, "side", side, "qty", qty, "price", price, "client_order_id", clientOrderId,
                "leaves_qty", 0));
        assertThat(fill.statusCode()).as(fill.body()).isEqualTo(202);
    }

    private static JsonNode check(String symbol, String side, double quantity) {
        return check(symbol, side, quantity, "LIMIT", "o-" + UUID.randomUUID());
    }

    private static JsonNode check(String symbol, String side, double quantity, String orderType) {
        return check(symbol, side, quantity, orderType, "o-" + UUID.randomUUID());
    }

    private static JsonNode check(String symbol, String side, double quantity, String orderType, String clientOrderId) {
        Map<String, Object> order = new HashMap<>(Map.of("symbol", symbol, "side", side, "order_type", orderType,
                "quantity", quantity, "client_order_id", clientOrderId));
        if (orderType.equals("LIMIT")) {
            order.put("price", PRICE);
        }
        return http.evaluate(botToken, order);
    }

    private static JsonNode position(String symbol) {
        for (JsonNode p : http.get("/api/v1/bots/" + bot, viewerToken).path("positions")) {
            if (p.path("symbol").asText().equals(symbol)) {
                return p;
            }
        }
        return null;
    }

    /** Wide bot limits; each listed symbol's override is the only limit an order of it can meet. */
    private static RiskLimits limits() {
        Map<String, SymbolLimits> overrides = new LinkedHashMap<>();
        limitedSymbols().forEach(s -> overrides.put(s, SymbolLimits.newBuilder()
                .setMaxOrderQty(SYMBOL_MAX_QTY).setMaxSymbolExposure(SYMBOL_MAX_EXPOSURE).build()));
        return RiskLimits.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(System.currentTimeMillis())
                .setVersion(1).setUpdatedBy("SymbolFamiliesThroughGatewayTest")
                .setMaxOrderQty(1_000.0).setMaxOrderNotional(1_000_000.0).setMaxSymbolExposure(1_000_000.0)
                .setMaxGrossExposure(1_000_000.0).setMaxOpenOrders(100).setMaxSubmitsPerWindow(1_000).setSubmitWindowMs(1_000L)
                .setPriceCollarPct(10.0).setMaxPriceAgeMs(60_000L)
                .setSymbols(overrides)
                .build();
    }
}
