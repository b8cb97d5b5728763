package com.quantumedge.supervisor.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.schemas.Topics;

import tools.jackson.databind.JsonNode;

/** Table of bad inputs: each is refused with a 4xx JSON error naming the field, and none reaches a topic. */
class BadInputTest {

    private static final String HB = "/api/v1/heartbeat";
    private static final String EVAL = "/api/v1/risk/evaluate";
    private static final String EXEC = "/api/v1/executions";
    private static final String HALT = "/api/v1/control/halt";
    private static final String MULT = "/api/v1/control/set-risk-multiplier";
    private static final String ORDER = "\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"order_type\":\"MARKET\",\"quantity\":1";
    private static final String FILL = "\"exec_id\":\"e-1\",\"exec_type\":\"FILL\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":1,\"price\":100";

    record Case(String name, String path, String role, String body, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String bot = SharedGateway.BAD_INPUT_BOT;
        return Stream.of(
                new Case("heartbeat: not JSON", HB, bot, "{uptime_s: 1", 400, "MALFORMED_JSON", null),
                new Case("heartbeat: JSON array instead of object", HB, bot, "[1,2]", 400, "MALFORMED_JSON", null),
                new Case("heartbeat: empty body", HB, bot, "", 400, null, null),
                new Case("heartbeat: trailing garbage", HB, bot, "{\"uptime_s\":1} x", 400, "MALFORMED_JSON", null),
                new Case("heartbeat: duplicate field", HB, bot, "{\"equity\":1,\"equity\":2}", 400, "MALFORMED_JSON", null),
                new Case("heartbeat: NaN literal", HB, bot, "{\"equity\": NaN}", 400, "MALFORMED_JSON", null),
                new Case("heartbeat: number too large to be finite", HB, bot, "{\"equity\": 1e400}", 400, "NOT_FINITE", "equity"),
                new Case("heartbeat: equity as string", HB, bot, "{\"equity\":\"1000\"}", 400, "INVALID_TYPE", "equity"),
                new Case("heartbeat: negative equity", HB, bot, "{\"equity\":-5}", 400, "INVALID_VALUE", "equity"),
                new Case("heartbeat: negative uptime", HB, bot, "{\"uptime_s\":-1}", 400, "INVALID_VALUE", "uptime_s"),
                new Case("heartbeat: trading_day not a date", HB, bot, "{\"trading_day\":\"24/11/2026\"}", 400, "INVALID_VALUE", "trading_day"),
                new Case("heartbeat: positions not a list", HB, bot, "{\"positions\":{}}", 400, "INVALID_TYPE", "positions"),
                new Case("heartbeat: position without symbol", HB, bot, "{\"positions\":[{\"qty\":1}]}", 400, "MISSING_FIELD", "positions[0].symbol"),
                new Case("heartbeat: position qty as string", HB, bot, "{\"positions\":[{\"symbol\":\"BTCUSDT\",\"qty\":\"1\"}]}", 400, "INVALID_TYPE", "positions[0].qty"),
                new Case("heartbeat: symbol with a space", HB, bot, "{\"positions\":[{\"symbol\":\"btc usdt\",\"qty\":1}]}", 400, "INVALID_VALUE", "positions[0].symbol"),
                new Case("heartbeat: open_orders negative", HB, bot, "{\"open_orders\":-1}", 400, "INVALID_VALUE", "open_orders"),
                new Case("heartbeat: open_orders fractional", HB, bot, "{\"open_orders\":1.5}", 400, "INVALID_TYPE", "open_orders"),
                new Case("heartbeat: bot_id of another bot", HB, bot, "{\"bot_id\":\"someone-else\"}", 403, "FORBIDDEN_BOT", "bot_id"),
                new Case("heartbeat: text/plain content type", HB, bot, null, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type"),
                new Case("evaluate: missing symbol", EVAL, bot, "{\"side\":\"BUY\",\"order_type\":\"MARKET\",\"quantity\":1}", 400, "MISSING_FIELD", "symbol"),
                new Case("evaluate: bad side", EVAL, bot, "{" + ORDER.replace("BUY", "LONG") + "}", 400, "INVALID_VALUE", "side"),
                new Case("evaluate: bad order type", EVAL, bot, "{" + ORDER.replace("MARKET", "ICEBERG") + "}", 400, "INVALID_VALUE", "order_type"),
                new Case("evaluate: zero quantity", EVAL, bot, "{" + ORDER.replace("\"quantity\":1", "\"quantity\":0") + "}", 400, "INVALID_VALUE", "quantity"),
                new Case("evaluate: negative quantity", EVAL, bot, "{" + ORDER.replace("\"quantity\":1", "\"quantity\":-2") + "}", 400, "INVALID_VALUE", "quantity"),
                new Case("evaluate: quantity as string", EVAL, bot, "{" + ORDER.replace("\"quantity\":1", "\"quantity\":\"1\"") + "}", 400, "INVALID_TYPE", "quantity"),
                new Case("evaluate: missing quantity", EVAL, bot, "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"order_type\":\"MARKET\"}", 400, "MISSING_FIELD", "quantity"),
                new Case("evaluate: limit order without price", EVAL, bot, "{" + ORDER.replace("MARKET", "LIMIT") + "}", 400, "MISSING_FIELD", "price"),
                new Case("evaluate: negative price", EVAL, bot, "{" + ORDER + ",\"price\":-1}", 400, "INVALID_VALUE", "price"),
                new Case("evaluate: leverage 500", EVAL, bot, "{" + ORDER + ",\"leverage\":500}", 400, "INVALID_VALUE", "leverage"),
                new Case("evaluate: is_reduce_only as string", EVAL, bot, "{" + ORDER + ",\"is_reduce_only\":\"yes\"}", 400, "INVALID_TYPE", "is_reduce_only"),
                new Case("evaluate: symbol injection", EVAL, bot, "{" + ORDER.replace("BTCUSDT", "BTC';DROP") + "}", 400, "INVALID_VALUE", "symbol"),
                new Case("evaluate: client_order_id too long", EVAL, bot, "{" + ORDER + ",\"client_order_id\":\"" + "x".repeat(200) + "\"}", 400, "INVALID_VALUE", "client_order_id"),
                new Case("executions: missing exec_id", EXEC, bot, "{" + FILL.replace("\"exec_id\":\"e-1\",", "") + "}", 400, "MISSING_FIELD", "exec_id"),
                new Case("executions: unknown exec_type", EXEC, bot, "{" + FILL.replace("FILL", "PARTIAL") + "}", 400, "INVALID_VALUE", "exec_type"),
                new Case("executions: fill without price", EXEC, bot, "{" + FILL.replace(",\"price\":100", "") + "}", 400, "MISSING_FIELD", "price"),
                new Case("executions: fill with zero qty", EXEC, bot, "{" + FILL.replace("\"qty\":1", "\"qty\":0") + "}", 400, "INVALID_VALUE", "qty"),
                new Case("executions: fee as string", EXEC, bot, "{" + FILL + ",\"fee\":\"0.1\"}", 400, "INVALID_TYPE", "fee"),
                new Case("control: missing reason", HALT, "operator", "{\"bot_id\":\"" + bot + "\"}", 400, "MISSING_FIELD", "reason"),
                new Case("control: blank reason", HALT, "operator", "{\"bot_id\":\"" + bot + "\",\"reason\":\"  \"}", 400, "MISSING_FIELD", "reason"),
                new Case("control: missing bot_id", HALT, "operator", "{\"reason\":\"x\"}", 400, "MISSING_FIELD", "bot_id"),
                new Case("control: bot_id with spaces", HALT, "operator", "{\"bot_id\":\"a b\",\"reason\":\"x\"}", 400, "INVALID_VALUE", "bot_id"),
                new Case("control: multiplier missing", MULT, "operator", "{\"bot_id\":\"" + bot + "\",\"reason\":\"x\"}", 400, "MISSING_FIELD", "multiplier"),
                new Case("control: multiplier 50", MULT, "operator", "{\"bot_id\":\"" + bot + "\",\"reason\":\"x\",\"multiplier\":50}", 400, "INVALID_VALUE", "multiplier"),
                new Case("views: events limit 0", "GET /api/v1/dashboard/events?limit=0", "viewer", null, 400, "INVALID_VALUE", "limit"),
                new Case("views: events limit not a number", "GET /api/v1/dashboard/events?limit=abc", "viewer", null, 400, "INVALID_VALUE", "limit"),
                new Case("views: unknown event type", "GET /api/v1/dashboard/events?types=NOPE", "viewer", null, 400, "INVALID_VALUE", "types"));
    }

    private final RunningGateway gateway = SharedGateway.get();

    private Http.Response send(Case c) {
        String token = gateway.token(c.role());
        if (c.path().startsWith("GET ")) {
            return Http.get(gateway.url(c.path().substring(4)), token);
        }
        if (c.body() == null) {
            return Http.post(gateway.url(c.path()), Map.of("Authorization", "Bearer " + token, "Content-Type", "text/plain"), "{}");
        }
        return Http.postJson(gateway.url(c.path()), token, c.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("bad input is refused with a 4xx JSON error naming the field")
    void badInputIsRefused(Case c) {
        Http.Response response = send(c);

        assertThat(response.status()).isEqualTo(c.status());
        JsonNode error = response.json().get("error");
        assertThat(error).as("error object").isNotNull();
        assertThat(error.get("message").asString()).isNotBlank();
        if (c.code() != null) {
            assertThat(error.get("code").asString()).isEqualTo(c.code());
        }
        if (c.field() != null) {
            assertThat(error.get("field").asString()).isEqualTo(c.field());
        }
    }

    @Test
    @DisplayName("the table has at least 30 cases")
    void tableIsLargeEnough() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    @DisplayName("no bad input reaches a topic: after all of them, a valid marker heartbeat is the bot's only record")
    void nothingInvalidIsPublished() {
        cases().forEach(this::send);
        String marker = Http.postJson(gateway.url(HB), gateway.token(SharedGateway.BAD_INPUT_BOT), "{\"uptime_s\": 7}")
                .json().get("event_id").asString();

        List<Heartbeat> heartbeats = TopicRecords.read(Topics.HEARTBEATS, SharedGateway.BAD_INPUT_BOT,
                l -> l.stream().anyMatch(h -> h.getEventId().equals(marker)), Duration.ofSeconds(20));
        assertThat(heartbeats).extracting(Heartbeat::getEventId).containsExactly(marker);
        assertThat(TopicRecords.read(Topics.ORDER_REQUESTS, SharedGateway.BAD_INPUT_BOT, l -> false, Duration.ofSeconds(2))).isEmpty();
        assertThat(TopicRecords.read(Topics.EXECUTIONS, SharedGateway.BAD_INPUT_BOT, l -> false, Duration.ofSeconds(2))).isEmpty();
        assertThat(TopicRecords.read(Topics.OPERATOR_COMMANDS, SharedGateway.BAD_INPUT_BOT, l -> false, Duration.ofSeconds(2))).isEmpty();
    }
}
