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
                    command("HALT", "{}")),
            new Named("controlCommand", "set-risk-multiplier", "Scale every limit by the multiplier (0 to 10)",
                    Map.of("command", "set-risk-multiplier"), """
                    {"bot_id": "bot-1", "reason": "volatile market", "multiplier": 0.5}""", 202,
                    command("SET_RISK_MULTIPLIER", "{\"multiplier\": \"0.5\"}")),
            new Named("controlCommand", "run-job", "Run a job configured on the bot's process agent", Map.of("command", "run-job"), """
                    {"bot_id": "bot-1", "reason": "nightly review", "job": "meta-agent"}""", 202,
                    command("RUN_JOB", "{\"job\": \"meta-agent\"}")),
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

            Named.read("bot", "unknown-bot", "A bot the gateway has no state, heartbeat or status of", Map.of("botId", "no-such-bot"),
                    404, error("UNKNOWN_BOT", "no state, heartbeat or status known for this bot", "bot_id")),
            Named.read("bot", "not-a-bot-id", "A bot id is letters, digits and ._:- (1 to 64)", Map.of("botId", "bot*1"),
                    400, error("INVALID_VALUE", "bot_id does not match [A-Za-z0-9._:-]{1,64}", "bot_id")),
            Named.read("status", "unknown-bot", "One bot only, and the gateway knows none by that id",
                    Map.of("bot_id", "no-such-bot"), 404, error("UNKNOWN_BOT", "no state, heartbeat or status known for this bot", "bot_id")),
            Named.read("snapshot", "no-snapshot", "One bot only, and no snapshot of it yet", Map.of("bot_id", "no-such-bot"),
                    404, error("NO_SNAPSHOT", "no snapshot yet for this bot", "bot_id")),
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

    private static String command(String type, String args) {
        return """
                {"accepted": true, "command_id": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", "command_type": "%s", "bot_id": "bot-1",
                 "issued_by": "operator", "ts_ms": 1764921600000, "args": %s}""".formatted(type, args);
    }
}
