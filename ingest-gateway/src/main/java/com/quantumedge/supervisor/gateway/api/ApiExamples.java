package com.quantumedge.supervisor.gateway.api;

import java.util.List;
import java.util.Map;

/**
 * The named examples of the document, each with the answer it gets. A body route's request example
 * and the response example of that status share the name; a read route's example is its answer,
 * whose {@code x-parameters} say the path and query parameters that get it. The contract test sends
 * every example to a running gateway and checks the status, the schema and, for errors, the code and field.
 */
final class ApiExamples {

    /**
     * @param parameters path and query parameters of this example where they differ from the parameters' own examples
     * @param request the body posted, or null for a read route
     */
    record Named(String operationId, String name, String summary, Map<String, String> parameters, String request,
            int status, String answer) {

        static Named of(String operationId, String name, String summary, String request, int status, String answer) {
            return new Named(operationId, name, summary, Map.of(), request, status, answer);
        }

        static Named read(String operationId, String name, String summary, Map<String, String> parameters, int status,
                String answer) {
            return new Named(operationId, name, summary, parameters, null, status, answer);
        }
    }

    private static final String FLAGS = """
            "trading_state": "ACTIVE", "halted": false, "entries_paused": false, "llm_paused": false, "risk_multiplier": 1.0""";

    /** A built-in limit as a fresh install has it: field, value (null: unset), the check that enforces it (before ALL, which uses it). */
    private record Builtin(String field, String value, String check, boolean perSymbol) {
    }

    private static final List<Builtin> BUILTIN_LIMITS = List.of(
            new Builtin("max_order_qty", "1000000.0", "QTY_EXCEEDS_MAX", true),
            new Builtin("max_order_notional", null, "NOTIONAL_EXCEEDS_MAX", true),
            new Builtin("max_order_notional_pct_equity", "25.0", "NOTIONAL_EXCEEDS_MAX", false),
            new Builtin("max_leverage", "5.0", "LEVERAGE_EXCEEDS_MAX", false),
            new Builtin("max_symbol_exposure", null, "SYMBOL_EXPOSURE_EXCEEDS_MAX", true),
            new Builtin("max_symbol_exposure_x_equity", "2.0", "SYMBOL_EXPOSURE_EXCEEDS_MAX", false),
            new Builtin("max_gross_exposure", null, "GROSS_EXPOSURE_EXCEEDS_MAX", false),
            new Builtin("max_gross_exposure_x_equity", "3.0", "GROSS_EXPOSURE_EXCEEDS_MAX", false),
            new Builtin("max_open_orders", "50", "OPEN_ORDERS_EXCEEDS_MAX", false),
            new Builtin("max_submits_per_window", "100", "SUBMIT_RATE_EXCEEDED", false),
            new Builtin("submit_window_ms", "1000", "SUBMIT_RATE_EXCEEDED", false),
            new Builtin("price_collar_pct", "10.0", "PRICE_OUT_OF_COLLAR", true),
            new Builtin("max_price_age_ms", "60000", null, false),
            new Builtin("max_daily_loss", null, "DAILY_LOSS_LIMIT", false),
            new Builtin("max_daily_loss_pct", "5.0", "DAILY_LOSS_LIMIT", false),
            new Builtin("max_drawdown_pct", "15.0", "DRAWDOWN_LIMIT", false),
            new Builtin("max_risk_multiplier", "1.0", null, false),
            new Builtin("new_day_lifts_daily_loss_halt", "false", "DAILY_LOSS_LIMIT", false));

    static final List<Named> ALL = List.of(
            Named.of("heartbeat", "full", "Equity, PnL, one long position and one resting order", """
                    {"ts_ms": 1764921600000, "uptime_s": 3600, "equity": 10250.5, "realized_pnl_today": 120.25,
                     "unrealized_pnl": -14.5, "trading_day": "2026-12-05",
                     "positions": [{"symbol": "BTCUSDT", "qty": 0.5, "avg_price": 64000, "mark_price": 64250}],
                     "open_orders": [{"client_order_id": "ord-42", "symbol": "BTCUSDT", "side": "SELL", "qty": 0.5, "price": 66000}],
                     "mode": "live", "version": "sim-bot/1.0"}""", 200, """
                    {"heartbeat_status": "ok", "last_heartbeat_time": "2026-12-05T08:00:00.012Z", "bot_id": "bot-1",
                     "event_id": "0f8b6c1e-2d4a-4f7e-9a51-3c2b1d0e9f88", %s, "risk_state_known": true}""".formatted(FLAGS)),
            Named.of("heartbeat", "minimal", "Alive, with an open-order count instead of a list", """
                    {"uptime_s": 12, "equity": 1000, "open_orders": 0}""", 200, """
                    {"heartbeat_status": "ok", "last_heartbeat_time": "2026-12-05T08:00:00.012Z", "bot_id": "bot-1",
                     "event_id": "0f8b6c1e-2d4a-4f7e-9a51-3c2b1d0e9f88", %s, "risk_state_known": false}""".formatted(FLAGS)),
            Named.of("heartbeat", "position-without-symbol", "A nested field's error names its path", """
                    {"positions": [{"qty": 1}]}""", 400, error("MISSING_FIELD", "positions[0].symbol is required", "positions[0].symbol")),
            Named.of("heartbeat", "number-as-text", "Numbers are JSON numbers, never strings", """
                    {"equity": "1000"}""", 400, error("INVALID_TYPE", "equity must be a number", "equity")),
            Named.of("heartbeat", "another-bot", "A bot token posts only for its own bot", """
                    {"bot_id": "someone-else", "uptime_s": 1}""", 403,
                    error("FORBIDDEN_BOT", "this token may only post for its own bot", "bot_id")),

            Named.of("evaluateOrder", "limit-buy", "A priced entry with leverage", """
                    {"symbol": "BTCUSDT", "side": "BUY", "order_type": "LIMIT", "quantity": 0.01, "price": 64000,
                     "leverage": 5, "client_order_id": "ord-43"}""", 200, """
                    {"allowed": true, "code": "OK", "reason": "within limits", "check": null, "limit": null, "value": null,
                     "notional": 640.0, "symbol_exposure_after": 32640.0, "gross_exposure_after": 32640.0, %s,
                     "correlation_id": "5b7e0a4c-8f1d-4c3b-a2e9-6d0f1b2c3a4d", "client_order_id": "ord-43"}""".formatted(FLAGS)),
            Named.of("evaluateOrder", "market-reduce-only", "A market exit that may only reduce the position", """
                    {"symbol": "BTCUSDT", "side": "SELL", "order_type": "MARKET", "quantity": 0.2, "is_reduce_only": true}""", 200, """
                    {"allowed": true, "code": "OK", "reason": "within limits", "check": null, "limit": null, "value": null,
                     "notional": 12850.0, "symbol_exposure_after": 19275.0, "gross_exposure_after": 19275.0, %s,
                     "correlation_id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f", "client_order_id": null}""".formatted(FLAGS)),
            Named.of("evaluateOrder", "limit-without-price", "LIMIT, STOP_LIMIT and TAKE_PROFIT_LIMIT need a price", """
                    {"symbol": "BTCUSDT", "side": "BUY", "order_type": "LIMIT", "quantity": 0.01}""", 400,
                    error("MISSING_FIELD", "price is required for LIMIT orders", "price")),
            Named.of("evaluateOrder", "leverage-over-125", "Leverage is at most 125", """
                    {"symbol": "BTCUSDT", "side": "BUY", "order_type": "MARKET", "quantity": 0.01, "leverage": 200}""", 400,
                    error("INVALID_VALUE", "leverage must be at most 125", "leverage")),
            Named.of("evaluateOrder", "unknown-order-type", "order_type is one of the listed types", """
                    {"symbol": "BTCUSDT", "side": "BUY", "order_type": "ICEBERG", "quantity": 0.01}""", 400,
                    error("INVALID_VALUE", "order_type must be one of [MARKET, LIMIT, ...]", "order_type")),

            Named.of("reportExecution", "fill", "A fill of an order checked before", """
                    {"exec_id": "fill-1001", "exec_type": "FILL", "symbol": "BTCUSDT", "side": "BUY", "qty": 0.01, "price": 64010,
                     "fee": 0.25, "fee_asset": "USDT", "leaves_qty": 0, "client_order_id": "ord-43", "ts_ms": 1764921600500}""", 202, """
                    {"accepted": true, "exec_id": "fill-1001", "event_id": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "bot_id": "bot-1"}"""),
            Named.of("reportExecution", "cancel", "A cancel: qty may be 0", """
                    {"exec_id": "cxl-1002", "exec_type": "CANCEL", "symbol": "BTCUSDT", "side": "SELL", "qty": 0,
                     "client_order_id": "ord-42", "reason": "replaced"}""", 202, """
                    {"accepted": true, "exec_id": "cxl-1002", "event_id": "3b4c5d6e-7f8a-4b9c-0d1e-2f3a4b5c6d7e", "bot_id": "bot-1"}"""),
            Named.of("reportExecution", "fill-without-price", "A FILL needs its price", """
                    {"exec_id": "fill-1003", "exec_type": "FILL", "symbol": "BTCUSDT", "side": "BUY", "qty": 0.01}""", 400,
                    error("MISSING_FIELD", "price is required for a FILL", "price")),

            Named.of("controlCommand", "halt", "Stop all new risk now", """
                    {"bot_id": "bot-1", "reason": "manual halt before maintenance"}""", 202,
                    command("HALT", "bot-1", "{}")),
            Named.of("controlCommand", "unknown-bot", "A bot id nothing knows (a typo): refused, nothing is written", """
                    {"bot_id": "bto-1", "reason": "manual halt before maintenance"}""", 404, error("UNKNOWN_BOT",
                    "no bot bto-1 is known (no heartbeat, no risk limits record, no process agent manages it); check the id, or send "
                    + "\\\"allow_unknown_bot\\\": true to command a bot that has not started yet", "bot_id")),
            Named.of("controlCommand", "before-first-start", "allow_unknown_bot: halt a bot before its first start", """
                    {"bot_id": "bot-2", "reason": "stay halted until the risk review", "allow_unknown_bot": true}""", 202,
                    command("HALT", "bot-2", "{}")),
            new Named("controlCommand", "set-risk-multiplier", "Scale every limit by the multiplier (0 to 10)",
                    Map.of("command", "set-risk-multiplier"), """
                    {"bot_id": "bot-1", "reason": "volatile market", "multiplier": 0.5}""", 202,
                    command("SET_RISK_MULTIPLIER", "bot-1", "{\"multiplier\": \"0.5\"}")),
            new Named("controlCommand", "run-job", "Run a job configured on the bot's process agent", Map.of("command", "run-job"), """
                    {"bot_id": "bot-1", "reason": "nightly review", "job": "meta-agent"}""", 202,
                    command("RUN_JOB", "bot-1", "{\"job\": \"meta-agent\"}")),
            Named.of("controlCommand", "without-reason", "Every command says why", """
                    {"bot_id": "bot-1"}""", 400, error("MISSING_FIELD", "reason is required: say why", "reason")),
            new Named("controlCommand", "multiplier-out-of-range", "The multiplier is between 0 and 10",
                    Map.of("command", "set-risk-multiplier"), """
                    {"bot_id": "bot-1", "reason": "more risk", "multiplier": 20}""", 400,
                    error("INVALID_VALUE", "multiplier must be between 0 and 10", "multiplier")),
            new Named("controlCommand", "unknown-command", "The command is one of the path parameter's values",
                    Map.of("command", "explode"), """
                    {"bot_id": "bot-1", "reason": "test"}""", 404,
                    error("UNKNOWN_COMMAND", "unknown command; one of [halt, resume, ...]", "command")),

            Named.of("changeDefaults", "fleet-leverage", "Lower the leverage every bot without its own limit may use", """
                    {"reason": "lower leverage for every bot during the CPI release", "max_leverage": 3}""", 200,
                    changed("*", null, 1, null, "lower leverage for every bot during the CPI release",
                            "{\"max_leverage\": {\"old\": null, \"new\": 3.0}}",
                            botLimits("*", 1, 0, Map.of("max_leverage", inForce("3.0", "default", 1, "LEVERAGE_EXCEEDS_MAX")), "{}"))),
            Named.of("changeDefaults", "loss-over-100-percent", "A percentage of equity is at most 100", """
                    {"reason": "allow bigger losses", "max_daily_loss_pct": 150}""", 400,
                    error("INVALID_VALUE", "max_daily_loss_pct is a percentage of at most 100, was 150.0", "max_daily_loss_pct")),
            Named.of("changeDefaults", "stale-version", "expected_version guards against a change made since you read", """
                    {"reason": "lower leverage again", "expected_version": 12, "max_leverage": 2}""", 409,
                    error("VERSION_CONFLICT", "the limits of * are at version 1, not 12: read them again and retry", "expected_version")),

            Named.of("changeDefaultsSymbol", "btc-quantity", "Every bot's BTCUSDT orders at most 2 BTC", """
                    {"reason": "BTC orders of at most 2 for every bot", "max_order_qty": 2}""", 200,
                    changed("*", "BTCUSDT", 2, 1L, "BTC orders of at most 2 for every bot",
                            "{\"symbols.BTCUSDT.max_order_qty\": {\"old\": null, \"new\": 2.0}}",
                            botLimits("*", 2, 0, Map.of("max_leverage", inForce("3.0", "default", 2, "LEVERAGE_EXCEEDS_MAX")),
                                    "{\"BTCUSDT\": " + symbolLimits(inForce("2.0", "default-symbol", 2, "QTY_EXCEEDS_MAX")) + "}"))),
            Named.of("changeDefaultsSymbol", "not-per-symbol", "Only per-symbol limits can be set per symbol", """
                    {"reason": "less leverage on BTC", "max_leverage": 2}""", 400,
                    error("UNKNOWN_FIELD", "max_leverage cannot be set per symbol; per-symbol limits: [max_order_qty, ...]", "max_leverage")),

            Named.of("changeBot", "new-strategy", "Small orders for a new strategy until it has a track record", """
                    {"reason": "new strategy: small orders until it has a track record", "max_order_qty": 5, "max_open_orders": 20}""",
                    200, changed("bot-1", null, 1, null, "new strategy: small orders until it has a track record",
                            "{\"max_order_qty\": {\"old\": null, \"new\": 5.0}, \"max_open_orders\": {\"old\": null, \"new\": 20}}",
                            botLimits("bot-1", 2, 1, Map.of("max_order_qty", inForce("5.0", "bot", 1, "QTY_EXCEEDS_MAX"),
                                    "max_open_orders", inForce("20", "bot", 1, "OPEN_ORDERS_EXCEEDS_MAX"),
                                    "max_leverage", inForce("3.0", "default", 2, "LEVERAGE_EXCEEDS_MAX")), "{}"))),
            Named.of("changeBot", "quantity-as-text", "A limit is a JSON number, \"off\" or null", """
                    {"reason": "smaller orders", "max_order_qty": "5"}""", 400,
                    error("INVALID_TYPE", "max_order_qty must be a number, \\\"off\\\" or null", "max_order_qty")),

            Named.of("changeBotSymbol", "btc-tighter", "A tighter quantity and price collar for one bot's BTCUSDT orders", """
                    {"reason": "BTC is thin on this venue today", "max_order_qty": 1, "price_collar_pct": 2}""", 200,
                    changed("bot-1", "BTCUSDT", 2, 1L, "BTC is thin on this venue today",
                            "{\"symbols.BTCUSDT.max_order_qty\": {\"old\": null, \"new\": 1.0}, "
                                    + "\"symbols.BTCUSDT.price_collar_pct\": {\"old\": null, \"new\": 2.0}}",
                            botLimits("bot-1", 2, 2, Map.of("max_order_qty", inForce("5.0", "bot", 2, "QTY_EXCEEDS_MAX"),
                                    "max_open_orders", inForce("20", "bot", 2, "OPEN_ORDERS_EXCEEDS_MAX"),
                                    "max_leverage", inForce("3.0", "default", 2, "LEVERAGE_EXCEEDS_MAX")),
                                    "{\"BTCUSDT\": " + symbolLimits(inForce("1.0", "bot-symbol", 2, "QTY_EXCEEDS_MAX"),
                                            inForce("2.0", "bot-symbol", 2, "PRICE_OUT_OF_COLLAR")) + "}"))),
            Named.of("changeBotSymbol", "off-per-symbol", "Checks are switched off per bot or in the defaults, not per symbol", """
                    {"reason": "no quantity limit on BTC", "max_order_qty": "off"}""", 400,
                    error("INVALID_VALUE", "max_order_qty: checks are switched off per bot or in the defaults, not per symbol",
                            "max_order_qty")),

            Named.read("bot", "unknown-bot", "A bot the gateway has no state, heartbeat or status of", Map.of("botId", "no-such-bot"),
                    404, error("UNKNOWN_BOT", "no state, heartbeat or status known for this bot", "bot_id")),
            Named.read("bot", "not-a-bot-id", "A bot id is letters, digits and ._:- (1 to 64)", Map.of("botId", "bot*1"),
                    400, error("INVALID_VALUE", "bot_id does not match [A-Za-z0-9._:-]{1,64}", "bot_id")),
            Named.read("status", "unknown-bot", "One bot only, and the gateway knows none by that id",
                    Map.of("bot_id", "no-such-bot"), 404, error("UNKNOWN_BOT", "no state, heartbeat or status known for this bot", "bot_id")),
            Named.read("snapshot", "no-snapshot", "One bot only, and no snapshot of it yet", Map.of("bot_id", "no-such-bot"),
                    404, error("NO_SNAPSHOT", "no snapshot yet for this bot", "bot_id")),
            Named.read("alerts", "bot-halted", "An operator halted bot-1: BotHalted fires until trading resumes",
                    Map.of("bot_id", "bot-1"), 200, """
                    {"timestamp": "2026-12-05T08:05:00.000Z", "alerts": [{"bot_id": "bot-1", "alertname": "BotHalted",
                     "severity": "CRITICAL", "summary": "Trading of bot-1 is HALTED: no new orders are allowed",
                     "since": "2026-12-05T08:00:00.000Z", "service": "risk-stream",
                     "description": "HALTED since 2026-12-05T08:00:00Z by operator alice: exchange maintenance. Equity 10250.50, drawdown 0.00%, realized PnL today 120.25, unrealized 12.50, gross exposure 5000.00, risk multiplier 1.00.",
                     "command": "./supervisor control resume --bot bot-1 --reason '<why it is safe again>'", "labels": {},
                     "alert_key": "bot-1|BotHalted"}]}"""),
            Named.read("alerts", "not-a-bot-id", "A bot id is letters, digits and ._:- (1 to 64), or * for the supervisor's own",
                    Map.of("bot_id", "bot*1"), 400, error("INVALID_VALUE", "bot_id does not match [A-Za-z0-9._:-]{1,64}", "bot_id")),
            Named.read("dashboardEvents", "limit-over-1000", "At most 1000 events", Map.of("limit", "5000"),
                    400, error("INVALID_VALUE", "limit must be a whole number from 1 to 1000", "limit")),
            Named.read("dashboardEvents", "unknown-type", "types lists event types", Map.of("types", "NO_SUCH_EVENT"),
                    400, error("INVALID_VALUE", "unknown event type NO_SUCH_EVENT", "types")));

    /** Shown on every route that takes a token: the answer without one. */
    static final String NO_TOKEN = "no-token";
    /** Shown on every route that takes a token: the answer to a token of a role the route does not admit. */
    static final String WRONG_ROLE = "wrong-role";

    static String unauthorized(String message) {
        return errorWithoutField("UNAUTHORIZED", message);
    }

    static String forbidden(String message) {
        return errorWithoutField("FORBIDDEN", message);
    }

    private ApiExamples() {
    }

    private static String error(String code, String message, String field) {
        return "{\"error\": {\"code\": \"%s\", \"message\": \"%s\", \"field\": \"%s\"}}".formatted(code, message, field);
    }

    private static String errorWithoutField(String code, String message) {
        return "{\"error\": {\"code\": \"%s\", \"message\": \"%s\", \"field\": null}}".formatted(code, message);
    }

    private static String command(String type, String botId, String args) {
        return """
                {"accepted": true, "command_id": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", "command_type": "%s", "bot_id": "%s",
                 "issued_by": "operator", "ts_ms": 1764921600000, "args": %s}""".formatted(type, botId, args);
    }

    /** The answer to a limits change that wrote the record's next version. */
    private static String changed(String key, String symbol, long version, Long previousVersion, String reason, String changes,
            String limits) {
        return """
                {"key": "%s", "symbol": %s, "changed": true, "version": %d, "previous_version": %s, "updated_by": "operator",
                 "reason": "%s", "event_id": "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f", "changes": %s, "limits": %s}""".formatted(key,
                symbol == null ? "null" : "\"" + symbol + "\"", version, previousVersion, reason, changes, limits);
    }

    /** One limit in force, as LimitInForce. */
    private static String inForce(String value, String source, long version, String check) {
        return """
                {"value": %s, "status": "in_force", "source": "%s", "version": %d, "check": "%s"}""".formatted(value, source, version, check);
    }

    /** The limits in force of a key: the built-in ones a fresh install has, but those given. */
    private static String botLimits(String botId, long defaultsVersion, long botVersion, Map<String, String> given, String symbols) {
        StringBuilder limits = new StringBuilder();
        for (Builtin builtin : BUILTIN_LIMITS) {
            limits.append(limits.isEmpty() ? "" : ", ").append('"').append(builtin.field()).append("\": ")
                    .append(given.getOrDefault(builtin.field(), builtin(builtin)));
        }
        return """
                {"bot_id": "%s", "defaults_version": %d, "bot_version": %d,
                 "disabled_checks": {"checks": [], "source": "builtin", "version": 0}, "limits": {%s}, "symbols": %s}""".formatted(botId,
                defaultsVersion, botVersion, limits, symbols);
    }

    /** A symbol's per-symbol limits: the built-in ones, but the given ones (max_order_qty, then price_collar_pct). */
    private static String symbolLimits(String maxOrderQty, String... priceCollar) {
        StringBuilder limits = new StringBuilder();
        for (Builtin builtin : BUILTIN_LIMITS) {
            if (builtin.perSymbol()) {
                String value = builtin.field().equals("max_order_qty") ? maxOrderQty
                        : builtin.field().equals("price_collar_pct") && priceCollar.length > 0 ? priceCollar[0] : builtin(builtin);
                limits.append(limits.isEmpty() ? "" : ", ").append('"').append(builtin.field()).append("\": ").append(value);
            }
        }
        return "{" + limits + "}";
    }

    private static String builtin(Builtin builtin) {
        return """
                {"value": %s, "status": "%s", "source": "builtin", "version": 0, "check": %s}""".formatted(builtin.value(),
                builtin.value() == null ? "unset" : "in_force", builtin.check() == null ? "null" : "\"" + builtin.check() + "\"");
    }
}
