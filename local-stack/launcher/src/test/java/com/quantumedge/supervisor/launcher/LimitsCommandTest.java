package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.gateway.security.DevTokens;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

/** {@code ./supervisor limits} and {@code status --bot} against a real gateway on the shared broker. */
class LimitsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SpringService gateway;
    private static String url;
    private static DevTokens tokens;

    @BeforeAll
    static void startGateway() {
        gateway = SpringService.start("ingest-gateway", GatewayApplication.class, Map.of(
                "spring.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers(),
                "server.port", 0,
                "supervisor.gateway.security.dev-mode", true,
                "supervisor.gateway.security.dev-bot-id", SharedKafkaBroker.uniqueName("bot")));
        url = "http://127.0.0.1:" + gateway.port();
        tokens = gateway.context().getBean(DevTokens.class);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @DisplayName("limits set changes a bot's limit and a symbol override; limits show then prints each with its source and version")
    void setThenShow() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");

        CliRun set = limits(tokens.operatorToken(), "set", "--bot", bot, "--reason", "smaller orders", "max_order_qty=5",
                "max-daily-loss-pct=off");
        CliRun symbol = limits(tokens.operatorToken(), "set", "--bot", bot, "--symbol", "BTCUSDT", "--reason", "btc is big",
                "max_order_qty=2");

        assertThat(set.exit()).as(set.output()).isZero();
        assertThat(set.output()).contains("changed limits of " + bot + ": version 1 (was none)").containsPattern("max_order_qty +- -> 5");
        assertThat(symbol.exit()).as(symbol.output()).isZero();
        assertThat(symbol.output()).contains("version 2 (was 1)").containsPattern("symbols.BTCUSDT.max_order_qty +- -> 2");
        CliRun show = limits(tokens.viewerToken(), "show", "--bot", bot);
        assertThat(show.exit()).as(show.output()).isZero();
        assertThat(show.output()).contains("limits of " + bot + " (defaults v")
                .contains("checks off: DAILY_LOSS_LIMIT (bot v2)")
                .containsPattern("\n  max_order_qty +5 +bot +v2 ")
                .containsPattern("\n  max_daily_loss_pct +off +(default|builtin) ")
                .containsPattern("\n  BTCUSDT\n(.*\n)*    max_order_qty +2 +bot-symbol +v2 ");
        JsonNode json = JSON.readTree(limits(tokens.viewerToken(), "show", "--bot", bot, "--symbol", "ETHUSDT", "--json").output());
        assertThat(json.at("/symbols/ETHUSDT/max_order_qty/value").asDouble()).isEqualTo(5.0);
        assertThat(json.at("/symbols/ETHUSDT/max_order_qty/source").asText()).isEqualTo("bot");
    }

    @Test
    @DisplayName("limits set max_order_notional round trip: shown by limits show with source bot and version, audited on "
            + "sup.events.v1 as RISK_LIMITS_CHANGED with who, why, the old and the new value")
    void orderNotionalRoundTripIsAudited() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");

        CliRun first = limits(tokens.operatorToken(), "set", "--bot", bot, "max_order_notional=250000", "--reason", "desk limit");
        CliRun second = limits(tokens.operatorToken(), "set", "--bot", bot, "max_order_notional=100000.5", "--reason",
                "exchange raised margins");

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("changed limits of " + bot + ": version 1 (was none)")
                .containsPattern("max_order_notional +- -> 250000\n");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("version 2 (was 1)").containsPattern("max_order_notional +250000 -> 100000.5\n");
        CliRun all = limits(tokens.viewerToken(), "show");
        assertThat(all.exit()).as(all.output()).isZero();
        assertThat(all.output()).startsWith("defaults (defaults v")
                .containsPattern("\nlimits of " + Pattern.quote(bot) + " \\(defaults v\\d+, bot v2\\); checks off: none\n(  .*\n)*"
                        + "  max_order_notional +100000.5 +bot +v2 ");

        CliRun tail = CliRun.of(new TailCommand(), (c, out) -> c.out = out, List.of("events", "--bootstrap",
                SharedKafkaBroker.bootstrapServers(), "--from-beginning", "--bot", bot, "--max", "2", "--idle-exit", "20s"));
        assertThat(tail.exit()).as(tail.output()).isZero();
        List<JsonNode> events = tail.output().lines().map(LimitsCommandTest::json).map(l -> l.path("value")).toList();
        assertThat(events).as(tail.output()).hasSize(2)
                .allSatisfy(e -> assertThat(e.path("event_type").asText()).isEqualTo("RISK_LIMITS_CHANGED"));
        JsonNode audit = events.get(1).path("attributes");
        assertThat(audit.path("updated_by").asText()).as("the dev operator token's principal").isEqualTo("dev-operator");
        assertThat(audit.path("reason").asText()).isEqualTo("exchange raised margins");
        assertThat(audit.path("changed").asText()).isEqualTo("max_order_notional");
        assertThat(audit.path("version").asText()).isEqualTo("2");
        assertThat(json(audit.path("previous_limits").asText()).path("max_order_notional").asDouble()).isEqualTo(250_000.0);
        assertThat(json(audit.path("limits").asText()).path("max_order_notional").asDouble()).isEqualTo(100_000.5);
        assertThat(events.get(1).path("message").asText()).contains("version 2 by dev-operator");
    }

    @Test
    @DisplayName("bad limits (negative, NaN, infinite, a loss limit over 100 %, an unknown name) are refused naming the field, "
            + "exit 1, nothing written; a stale --expected-version is refused with 409")
    void refusals() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        record Bad(String assignment, String code, String field) {
        }
        List<Bad> table = List.of(
                new Bad("max_order_notional=-5", "INVALID_VALUE", "max_order_notional"),
                new Bad("max_order_notional=NaN", "INVALID_TYPE", "max_order_notional"),
                new Bad("max_order_notional=1e999", "INVALID_TYPE", "max_order_notional"),
                new Bad("max_order_qty=0", "INVALID_VALUE", "max_order_qty"),
                new Bad("max_daily_loss_pct=150", "INVALID_VALUE", "max_daily_loss_pct"),
                new Bad("max_drawdown_pct=100.5", "INVALID_VALUE", "max_drawdown_pct"),
                new Bad("max_open_orders=2.5", "INVALID_TYPE", "max_open_orders"),
                new Bad("max_ordr_qty=5", "UNKNOWN_FIELD", "max_ordr_qty"));
        List<String> failures = new ArrayList<>();
        for (Bad bad : table) {
            CliRun run = limits(tokens.operatorToken(), "set", "--bot", bot, "--reason", "oops", bad.assignment());
            if (run.exit() != 1 || !run.output().startsWith("refused (400) " + bad.code() + ": ")
                    || !run.output().contains("(field " + bad.field() + ")")) {
                failures.add(bad.assignment() + " -> exit " + run.exit() + ": " + run.output());
            }
        }
        assertThat(failures).isEmpty();

        CliRun good = limits(tokens.operatorToken(), "set", "--bot", bot, "--reason", "r", "max_leverage=3");
        CliRun stale = limits(tokens.operatorToken(), "set", "--bot", bot, "--reason", "r", "--expected-version", "0", "max_leverage=4");

        assertThat(good.exit()).as(good.output()).isZero();
        assertThat(good.output()).as("no refused change was written before it").contains("version 1 (was none)");
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.output()).startsWith("refused (409) VERSION_CONFLICT").contains("(field expected_version)");
    }

    @Test
    @DisplayName("a viewer token reads limits but limits set with it is refused with 403 and writes nothing")
    void viewerCannotSet() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");

        CliRun set = limits(tokens.viewerToken(), "set", "--bot", bot, "--reason", "not mine to change", "max_order_notional=1000");

        assertThat(set.exit()).isEqualTo(1);
        assertThat(set.output()).startsWith("refused (403) FORBIDDEN");
        CliRun show = limits(tokens.viewerToken(), "show", "--bot", bot, "--json");
        assertThat(show.exit()).as(show.output()).isZero();
        assertThat(json(show.output()).path("bot_version").asLong()).as("nothing written").isZero();
    }

    @Test
    @DisplayName("status --bot shows the limits in force under the bot's line")
    void statusShowsLimits() throws Exception {
        String bot = tokens.botId();
        HttpResponse<String> heartbeat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/heartbeat"))
                .header("Authorization", "Bearer " + tokens.botToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"uptime_s\":5,\"equity\":10000}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(heartbeat.statusCode()).as(heartbeat.body()).isEqualTo(200);
        assertThat(limits(tokens.operatorToken(), "set", "--bot", bot, "--reason", "for status", "max_open_orders=7").exit()).isZero();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            CliRun status = CliRun.of(new StatusCommand(), (c, out) -> c.out = out,
                    List.of("--bot", bot, "--gateway", url, "--token", tokens.viewerToken()));
            assertThat(status.exit()).as(status.output()).isZero();
            assertThat(status.output()).contains("    limits of " + bot).containsPattern("\n      max_open_orders +7 +bot +v1 ");
        });
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static CliRun limits(String token, String... args) {
        List<String> commandLine = new ArrayList<>(List.of(args));
        commandLine.addAll(List.of("--gateway", url, "--token", token));
        return CliRun.of(new LimitsCommand(), (c, out) -> c.out = out, commandLine);
    }
}
