package com.quantumedge.supervisor.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OpenOrderReport;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TestRiskResponder;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Every symbol family real stacks send (ccxt unified, Binance, OKX, Deribit, Kraken Futures,
 * Hyperliquid) is accepted on the heartbeat, the order check and executions, and reaches the topics
 * exactly as sent: the symbol keys positions, exposure and per-symbol limits downstream.
 */
class SymbolFamiliesTest {

    record Family(String name, String symbol) {
        @Override
        public String toString() {
            return name + " " + symbol;
        }
    }

    static List<Family> families() {
        return List.of(
                new Family("ccxt spot", "BTC/USDT"),
                new Family("ccxt linear perpetual (Freqtrade futures)", "BTC/USDT:USDT"),
                new Family("ccxt inverse perpetual", "BTC/USD:BTC"),
                new Family("ccxt dated future", "BTC/USDT:USDT-241227"),
                new Family("ccxt option", "BTC/USD:BTC-241227-100000-C"),
                new Family("Binance USDⓈ-M", "BTCUSDT"),
                new Family("Binance multiplier prefix", "1000PEPEUSDT"),
                new Family("Binance COIN-M perpetual", "BTCUSD_PERP"),
                new Family("Binance quarterly", "BTCUSDT_241227"),
                new Family("OKX swap", "BTC-USDT-SWAP"),
                new Family("OKX future", "BTC-USD-241227"),
                new Family("Deribit perpetual", "BTC-PERPETUAL"),
                new Family("Deribit option", "BTC-27DEC24-100000-C"),
                new Family("Deribit decimal strike", "XRP_USDC-30AUG24-0d625-C"),
                new Family("Kraken Futures", "PF_XBTUSD"),
                new Family("Kraken Futures lowercase", "pf_xbtusd"),
                new Family("Hyperliquid", "kPEPE"),
                new Family("64 characters", "A".repeat(32) + "/" + "B".repeat(31)));
    }

    private static final String BOT = SharedGateway.EXCHANGE_BOT;
    private static TestRiskResponder responder;
    private final RunningGateway gateway = SharedGateway.get();

    @BeforeAll
    static void startResponder() {
        SharedGateway.get();
        responder = TestRiskResponder.start(SharedKafkaBroker.bootstrapServers(), Set.of(BOT),
                r -> OrderDecision.newBuilder(TestRiskResponder.qtyLimitOf10(r)).setReason("symbol " + r.getSymbol()).build());
    }

    @AfterAll
    static void stopResponder() {
        responder.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @DisplayName("the symbol is accepted on heartbeat, order check and execution, and the risk engine gets it as sent")
    void symbolIsAccepted(Family f) {
        Http.Response heartbeat = post("/api/v1/heartbeat", """
                {"positions": [{"symbol": "%1$s", "qty": 2, "avg_price": 10.5, "mark_price": 10.75}],
                 "open_orders": [{"symbol": "%1$s", "side": "SELL", "qty": 1, "price": 12}]}
                """.formatted(f.symbol()));
        assertThat(heartbeat.status()).as(heartbeat.body()).isEqualTo(200);

        Http.Response check = post("/api/v1/risk/evaluate", """
                {"symbol": "%s", "side": "BUY", "order_type": "LIMIT", "quantity": 1, "price": 10.5, "leverage": 5}
                """.formatted(f.symbol()));
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().get("reason").asString()).isEqualTo("symbol " + f.symbol());

        Http.Response fill = post("/api/v1/executions", fill(f.symbol(), UUID.randomUUID().toString()));
        assertThat(fill.status()).as(fill.body()).isEqualTo(202);
    }

    @Test
    @DisplayName("heartbeat positions, open orders and fills reach their topics with every symbol exactly as sent")
    void symbolsArePublishedAsSent() {
        List<String> symbols = families().stream().map(Family::symbol).toList();
        String positions = symbols.stream().map(s -> "{\"symbol\":\"" + s + "\",\"qty\":-1,\"avg_price\":3,\"mark_price\":3}")
                .collect(Collectors.joining(","));
        String orders = symbols.stream().map(s -> "{\"symbol\":\"" + s + "\",\"side\":\"BUY\",\"qty\":1,\"price\":2}")
                .collect(Collectors.joining(","));
        String eventId = post("/api/v1/heartbeat", "{\"positions\":[" + positions + "],\"open_orders\":[" + orders + "]}")
                .json().get("event_id").asString();
        String run = UUID.randomUUID().toString();
        symbols.forEach(s -> assertThat(post("/api/v1/executions", fill(s, run + "-" + symbols.indexOf(s))).status()).isEqualTo(202));

        Heartbeat hb = TopicRecords.read(Topics.HEARTBEATS, BOT, l -> l.stream().anyMatch(h -> h.getEventId().equals(eventId)),
                Duration.ofSeconds(20)).stream().filter(h -> h.getEventId().equals(eventId)).findFirst().orElseThrow();
        assertThat(hb.getPositions()).extracting(PositionReport::getSymbol).containsExactlyElementsOf(symbols);
        assertThat(hb.getOpenOrders()).extracting(OpenOrderReport::getSymbol).containsExactlyElementsOf(symbols);
        List<Execution> fills = TopicRecords.read(Topics.EXECUTIONS, BOT,
                l -> l.stream().filter(e -> e.getExecId().startsWith(run)).count() == symbols.size(), Duration.ofSeconds(20));
        assertThat(fills.stream().filter(e -> e.getExecId().startsWith(run)).map(Execution::getSymbol))
                .containsExactlyInAnyOrderElementsOf(symbols);
    }

    private static String fill(String symbol, String execId) {
        return """
                {"exec_id": "%s", "exec_type": "FILL", "symbol": "%s", "side": "BUY", "qty": 1, "price": 10.5,
                 "fee": -0.001, "fee_asset": "USDT", "leaves_qty": 0}
                """.formatted(execId, symbol);
    }

    private Http.Response post(String path, String body) {
        return Http.postJson(gateway.url(path), gateway.token(BOT), body);
    }
}
