package com.quantumedge.supervisor.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

import tools.jackson.databind.JsonNode;

/** The limits API against the real broker: what a PUT writes, what a GET then shows, and what is refused. */
class LimitsEndpointTest {

    private final RunningGateway gateway = SharedGateway.get();

    private Http.Response put(String path, String token, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Http.Response putAsOperator(String path, String body) {
        return put(path, gateway.token("operator"), body);
    }

    private JsonNode get(String path) {
        Http.Response response = Http.get(gateway.url(path), gateway.token("viewer"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<RiskLimits> records(String bot, int atLeast) {
        return TopicRecords.read(Topics.RISK_LIMITS, bot, l -> l.size() >= atLeast, Duration.ofSeconds(20));
    }

    private static List<SupervisorEvent> limitsEvents(String bot, int atLeast) {
        return TopicRecords.read(Topics.EVENTS, bot,
                l -> l.stream().filter(e -> e.getEventType() == EventType.RISK_LIMITS_CHANGED).count() >= atLeast, Duration.ofSeconds(20))
                .stream().filter(e -> e.getEventType() == EventType.RISK_LIMITS_CHANGED).toList();
    }

    @Test
    @DisplayName("a limit PUT for a bot is shown right after by GET with its value, source bot and the record's version")
    void putThenGet() {
        String bot = SharedKafkaBroker.uniqueName("bot");

        Http.Response response = putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"smaller orders\",\"max_order_qty\":5}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("version").asLong()).isEqualTo(1);
        assertThat(response.json().get("changes").get("max_order_qty").get("new").asDouble()).isEqualTo(5.0);
        JsonNode limit = get("/api/v1/limits/" + bot).at("/limits/max_order_qty");
        assertThat(limit.get("value").asDouble()).isEqualTo(5.0);
        assertThat(limit.get("source").asString()).isEqualTo("bot");
        assertThat(limit.get("version").asLong()).isEqualTo(1);
        assertThat(limit.get("status").asString()).isEqualTo("in_force");
        assertThat(get("/api/v1/limits/" + bot).get("bot_version").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("the new record is on sup.risk-limits.v1 under the next version, and a RISK_LIMITS_CHANGED event says who, why, old and new")
    void recordAndEvent() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        assertThat(putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"first\",\"max_leverage\":10}").status()).isEqualTo(200);

        Http.Response second = putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"exchange raised margins\",\"max_leverage\":4}");

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("previous_version").asLong()).isEqualTo(1);
        assertThat(second.json().at("/changes/max_leverage/old").asDouble()).isEqualTo(10.0);
        assertThat(second.json().at("/changes/max_leverage/new").asDouble()).isEqualTo(4.0);
        RiskLimits record = records(bot, 2).get(1);
        assertThat(record.getVersion()).isEqualTo(2);
        assertThat(record.getMaxLeverage()).isEqualTo(4.0);
        assertThat(record.getUpdatedBy()).isEqualTo("operator");
        assertThat(record.getReason()).isEqualTo("exchange raised margins");
        SupervisorEvent event = limitsEvents(bot, 2).get(1);
        assertThat(event.getEventId()).isEqualTo(second.json().get("event_id").asString());
        assertThat(event.getSource()).isEqualTo("ingest-gateway");
        assertThat(event.getAttributes()).containsEntry("updated_by", "operator").containsEntry("reason", "exchange raised margins")
                .containsEntry("version", "2").containsEntry("previous_version", "1").containsEntry("changed", "max_leverage");
        assertThat(event.getAttributes().get("previous_limits")).contains("\"max_leverage\":10.0");
        assertThat(event.getAttributes().get("limits")).contains("\"max_leverage\":4.0");
    }

    @Test
    @DisplayName("a symbol override is shown for its symbol with source bot-symbol; another symbol asked with ?symbol= has the bot's value")
    void symbolOverride() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        assertThat(putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"all symbols\",\"max_order_qty\":5}").status()).isEqualTo(200);

        Http.Response response = putAsOperator("/api/v1/limits/" + bot + "/symbols/BTCUSDT", "{\"reason\":\"btc is big\",\"max_order_qty\":2}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("changes").has("symbols.BTCUSDT.max_order_qty")).isTrue();
        JsonNode limits = get("/api/v1/limits/" + bot + "?symbol=ETHUSDT");
        assertThat(limits.at("/symbols/BTCUSDT/max_order_qty/value").asDouble()).isEqualTo(2.0);
        assertThat(limits.at("/symbols/BTCUSDT/max_order_qty/source").asString()).isEqualTo("bot-symbol");
        assertThat(limits.at("/symbols/BTCUSDT/max_order_qty/version").asLong()).isEqualTo(2);
        assertThat(limits.at("/symbols/ETHUSDT/max_order_qty/value").asDouble()).isEqualTo(5.0);
        assertThat(limits.at("/symbols/ETHUSDT/max_order_qty/source").asString()).isEqualTo("bot");
        assertThat(limits.at("/symbols/BTCUSDT").has("max_leverage")).as("only per-symbol limits per symbol").isFalse();
    }

    @Test
    @DisplayName("null clears a bot's limit so it inherits again; \"off\" switches its check off for the bot")
    void nullInheritsAndOffSwitchesOff() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        assertThat(putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"r\",\"max_order_qty\":5}").status()).isEqualTo(200);

        Http.Response response = putAsOperator("/api/v1/limits/" + bot,
                "{\"reason\":\"back to the defaults; no daily loss limit in the drill\",\"max_order_qty\":null,\"max_daily_loss_pct\":\"off\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode limits = get("/api/v1/limits/" + bot);
        assertThat(limits.at("/limits/max_order_qty/source").asString()).isIn("default", "builtin");
        assertThat(limits.at("/limits/max_daily_loss_pct/status").asString()).isEqualTo("off");
        assertThat(limits.at("/limits/max_daily_loss/status").asString()).as("the whole check is off").isEqualTo("off");
        assertThat(limits.at("/disabled_checks/checks").toString()).contains("DAILY_LOSS_LIMIT");
        assertThat(limits.at("/disabled_checks/source").asString()).isEqualTo("bot");
        assertThat(records(bot, 2).get(1).getDisabledChecks()).contains("DAILY_LOSS_LIMIT");
    }

    @Test
    @DisplayName("bad limits are refused with 400 naming the field, and nothing is written")
    void badLimitsAreRefused() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        record Bad(String path, String body, String code, String field) {
        }
        String own = "/api/v1/limits/" + bot;
        String btc = own + "/symbols/BTCUSDT";
        List<Bad> table = List.of(
                new Bad(own, "{\"reason\":\"r\",\"max_order_qty\":-1}", "INVALID_VALUE", "max_order_qty"),
                new Bad(own, "{\"reason\":\"r\",\"max_order_qty\":0}", "INVALID_VALUE", "max_order_qty"),
                new Bad(own, "{\"reason\":\"r\",\"max_order_qty\":\"5\"}", "INVALID_TYPE", "max_order_qty"),
                new Bad(own, "{\"reason\":\"r\",\"max_order_qty\":1e400}", "NOT_FINITE", "max_order_qty"),
                new Bad(own, "{\"reason\":\"r\",\"max_daily_loss_pct\":150}", "INVALID_VALUE", "max_daily_loss_pct"),
                new Bad(own, "{\"reason\":\"r\",\"max_drawdown_pct\":100.5}", "INVALID_VALUE", "max_drawdown_pct"),
                new Bad(own, "{\"reason\":\"r\",\"max_order_notional_pct_equity\":101}", "INVALID_VALUE", "max_order_notional_pct_equity"),
                new Bad(own, "{\"reason\":\"r\",\"max_open_orders\":-1}", "INVALID_VALUE", "max_open_orders"),
                new Bad(own, "{\"reason\":\"r\",\"max_open_orders\":2.5}", "INVALID_TYPE", "max_open_orders"),
                new Bad(own, "{\"reason\":\"r\",\"new_day_lifts_daily_loss_halt\":1}", "INVALID_TYPE", "new_day_lifts_daily_loss_halt"),
                new Bad(own, "{\"reason\":\"r\",\"submit_window_ms\":\"off\"}", "INVALID_VALUE", "submit_window_ms"),
                new Bad(own, "{\"reason\":\"r\",\"max_order_qty\":\"none\"}", "INVALID_TYPE", "max_order_qty"),
                new Bad(own, "{\"reason\":\"r\",\"max_ordr_qty\":5}", "UNKNOWN_FIELD", "max_ordr_qty"),
                new Bad(own, "{\"reason\":\"r\",\"disabled_checks\":[\"NO_SUCH_CHECK\"]}", "INVALID_VALUE", "disabled_checks"),
                new Bad(own, "{\"reason\":\"r\",\"disabled_checks\":\"DAILY_LOSS_LIMIT\"}", "INVALID_TYPE", "disabled_checks"),
                new Bad(own, "{\"max_order_qty\":5}", "MISSING_FIELD", "reason"),
                new Bad(own, "{\"reason\":\" \",\"max_order_qty\":5}", "MISSING_FIELD", "reason"),
                new Bad(own, "{\"reason\":\"r\",\"expected_version\":-1,\"max_order_qty\":5}", "INVALID_VALUE", "expected_version"),
                new Bad(btc, "{\"reason\":\"r\",\"max_leverage\":5}", "UNKNOWN_FIELD", "max_leverage"),
                new Bad(btc, "{\"reason\":\"r\",\"max_order_qty\":\"off\"}", "INVALID_VALUE", "max_order_qty"),
                new Bad(btc, "{\"reason\":\"r\",\"price_collar_pct\":-3}", "INVALID_VALUE", "price_collar_pct"),
                new Bad(own + "/symbols/BTC%20USDT", "{\"reason\":\"r\",\"max_order_qty\":1}", "INVALID_VALUE", "symbol"));
        List<String> failures = new ArrayList<>();
        for (Bad bad : table) {
            Http.Response response = putAsOperator(bad.path(), bad.body());
            if (response.status() != 400 || !bad.code().equals(response.json().at("/error/code").asString())
                    || !bad.field().equals(response.json().at("/error/field").asString())) {
                failures.add(bad.body() + " -> " + response.status() + " " + response.body());
            }
        }
        assertThat(failures).isEmpty();

        assertThat(putAsOperator(own, "{\"reason\":\"a good one\",\"max_order_qty\":3}").status()).isEqualTo(200);
        RiskLimits first = records(bot, 1).get(0);
        assertThat(first.getVersion()).as("no refused change was written before it").isEqualTo(1);
        assertThat(first.getMaxOrderQty()).isEqualTo(3.0);
        assertThat(limitsEvents(bot, 1)).hasSize(1);
    }

    @Test
    @DisplayName("a viewer or a bot may read limits but not change them (403); an operator may")
    void onlyOperatorsChange() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        String body = "{\"reason\":\"r\",\"max_order_qty\":5}";

        assertThat(put("/api/v1/limits/" + bot, gateway.token("viewer"), body).status()).isEqualTo(403);
        assertThat(put("/api/v1/limits/defaults", gateway.token("viewer"), body).status()).isEqualTo(403);
        assertThat(put("/api/v1/limits/" + bot + "/symbols/BTCUSDT", gateway.token(SharedGateway.BOT), body).status()).isEqualTo(403);
        assertThat(Http.get(gateway.url("/api/v1/limits/" + bot), gateway.token(SharedGateway.BOT)).status()).isEqualTo(403);
        assertThat(get("/api/v1/limits/" + bot).get("bot_version").asLong()).as("nothing written").isZero();
        assertThat(putAsOperator("/api/v1/limits/" + bot, body).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a change with an expected_version other than the record's is refused with 409 and not written")
    void versionConflict() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        assertThat(putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"r\",\"expected_version\":0,\"max_order_qty\":5}").status())
                .isEqualTo(200);

        Http.Response stale = putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"r\",\"expected_version\":0,\"max_order_qty\":7}");

        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().at("/error/code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.json().at("/error/field").asString()).isEqualTo("expected_version");
        assertThat(get("/api/v1/limits/" + bot).at("/limits/max_order_qty/value").asDouble()).isEqualTo(5.0);
        Http.Response current = putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"r\",\"expected_version\":1,\"max_order_qty\":7}");
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(current.json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("a change of the defaults shows in every bot without its own value, as source default with the defaults' version")
    void defaultsAreInherited() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        assertThat(putAsOperator("/api/v1/limits/" + bot, "{\"reason\":\"r\",\"max_order_qty\":5}").status()).isEqualTo(200);
        long version = get("/api/v1/limits/defaults").get("defaults_version").asLong();

        Http.Response response = putAsOperator("/api/v1/limits/defaults",
                "{\"reason\":\"tighter collar\",\"expected_version\":" + version + ",\"price_collar_pct\":" + (5 + version % 3) + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("key").asString()).isEqualTo("*");
        JsonNode collar = get("/api/v1/limits/" + bot).at("/limits/price_collar_pct");
        assertThat(collar.get("value").asDouble()).isEqualTo(5.0 + version % 3);
        assertThat(collar.get("source").asString()).isEqualTo("default");
        assertThat(collar.get("version").asLong()).isEqualTo(version + 1);
        assertThat(limitsEvents(Topics.DEFAULT_LIMITS_KEY, 1)).anyMatch(e -> e.getAttributes().get("version").equals(Long.toString(version + 1))
                && e.getAttributes().get("reason").equals("tighter collar"));
    }

    @Test
    @DisplayName("the list has the defaults and every bot with limits or known to the gateway")
    void listsDefaultsAndBots() {
        String withLimits = SharedKafkaBroker.uniqueName("bot");
        assertThat(putAsOperator("/api/v1/limits/" + withLimits, "{\"reason\":\"r\",\"max_open_orders\":7}").status()).isEqualTo(200);
        Map<String, Object> heartbeat = new LinkedHashMap<>(Map.of("uptime_s", 1, "equity", 1000));
        assertThat(Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(SharedGateway.OTHER_BOT),
                tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(heartbeat)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode all = get("/api/v1/limits");
            assertThat(all.at("/defaults/bot_id").asString()).isEqualTo("*");
            List<String> bots = new ArrayList<>();
            all.get("bots").forEach(b -> bots.add(b.get("bot_id").asString()));
            assertThat(bots).contains(withLimits, SharedGateway.OTHER_BOT);
            all.get("bots").forEach(b -> {
                if (b.get("bot_id").asString().equals(withLimits)) {
                    assertThat(b.at("/limits/max_open_orders/value").asInt()).isEqualTo(7);
                }
            });
        });
    }
}
