package com.quantumedge.supervisor.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.schemas.Topics;

import tools.jackson.databind.JsonNode;

/**
 * What the bot contract refuses, field by field: symbols outside the {@code Symbols} grammar, numbers
 * outside their {@code NumericBounds} range or not finite, bot ids that are not strings of the
 * identifier grammar. Each is a 400 naming the field, and none reaches a topic.
 */
class OutOfContractInputTest {

    private static final String HB = "/api/v1/heartbeat";
    private static final String EVAL = "/api/v1/risk/evaluate";
    private static final String EXEC = "/api/v1/executions";
    private static final String HALT = "/api/v1/control/halt";
    private static final String BOT = SharedGateway.REFUSED_BOT;

    record Case(String name, String path, String body, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Bad symbols, as JSON string literals (escapes included). */
    static final List<String> BAD_SYMBOLS = List.of("\"\"", "\" \"", "\"BTC USDT\"", "\" BTCUSDT\"", "\"BTCUSDT\\n\"",
            "\"BTC\\tUSDT\"", "\"BTC\\u0000USDT\"", "\"BTC\\u001bUSDT\"", "\"" + "A".repeat(65) + "\"",
            "\"BTC';DROP TABLE positions;--\"", "\"../../etc/passwd\"", "\"${jndi:ldap://x/a}\"", "\"<script>\"",
            "\"BTC//USDT\"", "\"/BTCUSDT\"", "\"BTCUSDT-\"", "\"ВТСUSDT\"", "\"BTC\\u200bUSDT\"");

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String s : BAD_SYMBOLS) {
            out.add(new Case("heartbeat position symbol " + s, HB,
                    "{\"positions\":[{\"symbol\":" + s + ",\"qty\":1,\"avg_price\":10}]}", "INVALID_VALUE", "positions[0].symbol"));
            out.add(new Case("heartbeat open order symbol " + s, HB,
                    "{\"open_orders\":[{\"symbol\":" + s + ",\"side\":\"BUY\",\"qty\":1}]}", "INVALID_VALUE", "open_orders[0].symbol"));
            out.add(new Case("order check symbol " + s, EVAL, order("\"symbol\":" + s), "INVALID_VALUE", "symbol"));
            out.add(new Case("execution symbol " + s, EXEC, fill("\"symbol\":" + s), "INVALID_VALUE", "symbol"));
        }
        out.add(new Case("symbol as a number", EVAL, order("\"symbol\":1000"), "INVALID_TYPE", "symbol"));
        out.add(new Case("fee asset with a space", EXEC, fill("\"fee_asset\":\"US DT\""), "INVALID_VALUE", "fee_asset"));
        Stream.of(
                new Case("equity 1e308", HB, "{\"equity\":1e308}", "INVALID_VALUE", "equity"),
                new Case("equity 1e999", HB, "{\"equity\":1e999}", "NOT_FINITE", "equity"),
                new Case("equity negative", HB, "{\"equity\":-1}", "INVALID_VALUE", "equity"),
                new Case("realized_pnl_today 1e308", HB, "{\"realized_pnl_today\":1e308}", "INVALID_VALUE", "realized_pnl_today"),
                new Case("realized_pnl_today -1e16", HB, "{\"realized_pnl_today\":-1e16}", "INVALID_VALUE", "realized_pnl_today"),
                new Case("unrealized_pnl 1e16", HB, "{\"unrealized_pnl\":1e16}", "INVALID_VALUE", "unrealized_pnl"),
                new Case("uptime_s 1e11", HB, "{\"uptime_s\":1e11}", "INVALID_VALUE", "uptime_s"),
                new Case("ts_ms in seconds", HB, "{\"ts_ms\":1733390000}", "INVALID_VALUE", "ts_ms"),
                new Case("ts_ms in microseconds", HB, "{\"ts_ms\":1733390000000000}", "INVALID_VALUE", "ts_ms"),
                new Case("ts_ms 1e999", HB, "{\"ts_ms\":1e999}", "NOT_FINITE", "ts_ms"),
                new Case("position qty 1e16", HB, position("\"qty\":1e16,\"avg_price\":10"), "INVALID_VALUE", "positions[0].qty"),
                new Case("position qty -1e300", HB, position("\"qty\":-1e300,\"avg_price\":10"), "INVALID_VALUE", "positions[0].qty"),
                new Case("open position with avg_price 0", HB, position("\"qty\":1,\"avg_price\":0"), "INVALID_VALUE", "positions[0].avg_price"),
                new Case("open position without avg_price", HB, position("\"qty\":-1"), "MISSING_FIELD", "positions[0].avg_price"),
                new Case("position avg_price negative", HB, position("\"qty\":1,\"avg_price\":-5"), "INVALID_VALUE", "positions[0].avg_price"),
                new Case("position avg_price 1e13", HB, position("\"qty\":1,\"avg_price\":1e13"), "INVALID_VALUE", "positions[0].avg_price"),
                new Case("position avg_price 1e-13", HB, position("\"qty\":1,\"avg_price\":1e-13"), "INVALID_VALUE", "positions[0].avg_price"),
                new Case("flat position avg_price negative", HB, position("\"qty\":0,\"avg_price\":-1"), "INVALID_VALUE", "positions[0].avg_price"),
                new Case("position mark_price negative", HB, position("\"qty\":0,\"mark_price\":-1"), "INVALID_VALUE", "positions[0].mark_price"),
                new Case("position mark_price 1e300", HB, position("\"qty\":0,\"mark_price\":1e300"), "INVALID_VALUE", "positions[0].mark_price"),
                new Case("open order qty 0", HB, openOrder("\"qty\":0"), "INVALID_VALUE", "open_orders[0].qty"),
                new Case("open order qty 1e16", HB, openOrder("\"qty\":1e16"), "INVALID_VALUE", "open_orders[0].qty"),
                new Case("open order price negative", HB, openOrder("\"qty\":1,\"price\":-1"), "INVALID_VALUE", "open_orders[0].price"),
                new Case("open order price 1e13", HB, openOrder("\"qty\":1,\"price\":1e13"), "INVALID_VALUE", "open_orders[0].price"),
                new Case("order quantity 1e16", EVAL, order("\"quantity\":1e16"), "INVALID_VALUE", "quantity"),
                new Case("order quantity 1e-400 (reads as 0)", EVAL, order("\"quantity\":1e-400"), "INVALID_VALUE", "quantity"),
                new Case("order quantity 1e999", EVAL, order("\"quantity\":1e999"), "NOT_FINITE", "quantity"),
                new Case("order price 1e13", EVAL, order("\"price\":1e13"), "INVALID_VALUE", "price"),
                new Case("order price 0", EVAL, order("\"price\":0"), "INVALID_VALUE", "price"),
                new Case("order price 1e-13", EVAL, order("\"price\":1e-13"), "INVALID_VALUE", "price"),
                new Case("order notional 1e16", EVAL, order("\"notional\":1e16"), "INVALID_VALUE", "notional"),
                new Case("order notional 0", EVAL, order("\"notional\":0"), "INVALID_VALUE", "notional"),
                new Case("order leverage 0", EVAL, order("\"leverage\":0"), "INVALID_VALUE", "leverage"),
                new Case("order leverage 126", EVAL, order("\"leverage\":126"), "INVALID_VALUE", "leverage"),
                new Case("order leverage -1e999", EVAL, order("\"leverage\":-1e999"), "NOT_FINITE", "leverage"),
                new Case("fill qty 1e16", EXEC, fill("\"qty\":1e16"), "INVALID_VALUE", "qty"),
                new Case("fill price 0", EXEC, fill("\"price\":0"), "INVALID_VALUE", "price"),
                new Case("fill price 1e13", EXEC, fill("\"price\":1e13"), "INVALID_VALUE", "price"),
                new Case("fee 1e16", EXEC, fill("\"fee\":1e16"), "INVALID_VALUE", "fee"),
                new Case("fee -1e300", EXEC, fill("\"fee\":-1e300"), "INVALID_VALUE", "fee"),
                new Case("leaves_qty negative", EXEC, fill("\"leaves_qty\":-1"), "INVALID_VALUE", "leaves_qty"),
                new Case("leaves_qty 1e16", EXEC, fill("\"leaves_qty\":1e16"), "INVALID_VALUE", "leaves_qty"),
                new Case("execution ts_ms in seconds", EXEC, fill("\"ts_ms\":1733390000"), "INVALID_VALUE", "ts_ms"),
                new Case("cancel qty 1e16", EXEC, fill("\"exec_type\":\"CANCEL\",\"qty\":1e16"), "INVALID_VALUE", "qty"),
                new Case("cancel price negative", EXEC, fill("\"exec_type\":\"CANCEL\",\"price\":-1"), "INVALID_VALUE", "price"))
                .forEach(out::add);
        for (String path : List.of(HB, EVAL, EXEC)) {
            String base = path.equals(HB) ? "{" : path.equals(EVAL) ? order("").replace("}", ",") : fill("").replace("}", ",");
            for (String id : List.of("1e999", "-1e999", "-0", "0", "12", "1.5e3", "true", "[\"" + BOT + "\"]", "{}")) {
                out.add(new Case(path + " bot_id " + id, path, base + "\"bot_id\":" + id + "}", "INVALID_TYPE", "bot_id"));
            }
            out.add(new Case(path + " bot_id \"-0\"", path, base + "\"bot_id\":\"-0\"}", "INVALID_VALUE", "bot_id"));
            out.add(new Case(path + " bot_id NaN", path, base + "\"bot_id\":NaN}", "MALFORMED_JSON", null));
        }
        out.add(new Case("control bot_id 1e999", HALT, "{\"bot_id\":1e999,\"reason\":\"x\"}", "INVALID_TYPE", "bot_id"));
        out.add(new Case("control bot_id -0", HALT, "{\"bot_id\":-0,\"reason\":\"x\"}", "INVALID_TYPE", "bot_id"));
        out.add(new Case("control bot_id \"-0\"", HALT, "{\"bot_id\":\"-0\",\"reason\":\"x\"}", "INVALID_VALUE", "bot_id"));
        return out.stream();
    }

    private final RunningGateway gateway = SharedGateway.get();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("out-of-contract input is refused with 400 naming the field")
    void refused(Case c) {
        Http.Response response = send(c);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo(c.code());
        if (c.field() != null) {
            assertThat(error.get("field").asString()).isEqualTo(c.field());
            assertThat(error.get("message").asString()).startsWith(c.field() + " ");
        }
    }

    @Test
    @DisplayName("none of it reaches a topic: after all of them, a valid marker heartbeat is the bot's only record")
    void nothingIsPublished() {
        cases().forEach(this::send);
        // 156 refusals in a burst may meet the bot's rate limit or a busy broker: the marker is retried as a bot would.
        Http.Response accepted = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.postJson(gateway.url(HB), gateway.token(BOT), "{\"uptime_s\": 1}"),
                        r -> r.status() == 200);
        String marker = accepted.json().get("event_id").asString();

        List<Heartbeat> heartbeats = TopicRecords.read(Topics.HEARTBEATS, BOT,
                l -> l.stream().anyMatch(h -> h.getEventId().equals(marker)), Duration.ofSeconds(20));
        assertThat(heartbeats).extracting(Heartbeat::getEventId).containsExactly(marker);
        assertThat(TopicRecords.read(Topics.ORDER_REQUESTS, BOT, l -> false, Duration.ofSeconds(2))).isEmpty();
        assertThat(TopicRecords.read(Topics.EXECUTIONS, BOT, l -> false, Duration.ofSeconds(2))).isEmpty();
    }

    private Http.Response send(Case c) {
        String token = gateway.token(c.path().equals(HALT) ? "operator" : BOT);
        return Http.postJson(gateway.url(c.path()), token, c.body());
    }

    private static String order(String override) {
        return merge("{\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"order_type\":\"LIMIT\",\"quantity\":1,\"price\":97000}", override);
    }

    private static String fill(String override) {
        return merge("{\"exec_id\":\"refused-1\",\"exec_type\":\"FILL\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"qty\":1,"
                + "\"price\":97000}", override);
    }

    private static String position(String fields) {
        return "{\"positions\":[{\"symbol\":\"BTCUSDT\"," + fields + "}]}";
    }

    private static String openOrder(String fields) {
        return "{\"open_orders\":[{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\"," + fields + "}]}";
    }

    /** The base object with the override's fields replacing (or added to) its own. */
    private static String merge(String base, String override) {
        if (override.isEmpty()) {
            return base;
        }
        String out = base;
        for (String field : override.split(",(?=\")")) {
            String name = field.substring(0, field.indexOf(':') + 1);
            out = out.replaceAll("\\Q" + name + "\\E[^,}]*[,]?", "");
        }
        return out.replaceAll(",?}$", "") + "," + override + "}";
    }
}
