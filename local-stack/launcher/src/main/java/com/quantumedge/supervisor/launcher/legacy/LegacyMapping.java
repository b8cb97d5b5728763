package com.quantumedge.supervisor.launcher.legacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.launcher.legacy.LegacyLine.BadLineException;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The original supervisor's event types in our records. Order decisions become
 * {@code order_decisions} rows (the legacy code kept in {@code check} as {@code legacy:<code>}),
 * order results become {@code executions}, lifecycle, breach and halt events become
 * {@code events} of our types; every other type (LLM checks, meta-supervisor runs, strategy updates,
 * the snapshot events) becomes an {@code events} row of type {@code UNKNOWN}. Every events row keeps
 * the legacy type and all legacy details in its {@code attributes}.
 */
final class LegacyMapping {

    static final String SOURCE = "legacy-supervisor";
    static final String LEGACY_TYPE = "legacy_type";

    /** A legacy line as one of our records, bound for the topic's table. */
    record Mapped(TopicSpec<?> topic, SpecificRecord record) {
    }

    /** Legacy event types that are one of ours, with the severity the original gave them none of. */
    private static final Map<String, EventType> EVENT_TYPES = new LinkedHashMap<>();
    private static final Map<String, Severity> SEVERITIES = new LinkedHashMap<>();

    static {
        event(EventType.BOT_STARTED, Severity.INFO, "BOT_STARTED", "BOT_START");
        event(EventType.BOT_EXITED, Severity.WARNING, "BOT_STOPPED", "BOT_STOP", "BOT_EXITED", "BOT_EXIT");
        event(EventType.BOT_FAILED, Severity.CRITICAL, "BOT_CRASHED", "BOT_FAILED");
        event(EventType.RESTART_REQUESTED, Severity.WARNING, "BOT_RESTART", "BOT_RESTARTED", "BOT_RESTARTING");
        event(EventType.RISK_BREACH, Severity.CRITICAL, "RISK_BREACH", "RISK_LIMIT_BREACH");
        event(EventType.TRADING_STATE_CHANGED, Severity.CRITICAL, "AUTO_HALT", "RISK_HALT", "TRADING_HALTED");
        event(EventType.HEARTBEAT_STALE, Severity.WARNING, "HEARTBEAT_STALE");
    }

    /** Legacy decision codes that are one of ours; any other deny is UNKNOWN (its code stays in {@code check}). */
    private static final Map<String, DecisionCode> CODES = Map.ofEntries(
            Map.entry("OK", DecisionCode.OK), Map.entry("ALLOWED", DecisionCode.OK),
            Map.entry("MAX_NOTIONAL", DecisionCode.NOTIONAL_EXCEEDS_MAX), Map.entry("NOTIONAL_LIMIT", DecisionCode.NOTIONAL_EXCEEDS_MAX),
            Map.entry("MAX_LEVERAGE", DecisionCode.LEVERAGE_EXCEEDS_MAX), Map.entry("LEVERAGE_LIMIT", DecisionCode.LEVERAGE_EXCEEDS_MAX),
            Map.entry("HALTED", DecisionCode.TRADING_HALTED), Map.entry("TRADING_HALTED", DecisionCode.TRADING_HALTED),
            Map.entry("LLM_PAUSED", DecisionCode.ENTRIES_PAUSED),
            Map.entry("DAILY_LOSS", DecisionCode.DAILY_LOSS_LIMIT), Map.entry("DAILY_LOSS_LIMIT", DecisionCode.DAILY_LOSS_LIMIT),
            Map.entry("DRAWDOWN", DecisionCode.DRAWDOWN_LIMIT), Map.entry("MAX_DRAWDOWN", DecisionCode.DRAWDOWN_LIMIT),
            Map.entry("INVALID_ORDER", DecisionCode.INVALID_ORDER), Map.entry("VALIDATION_ERROR", DecisionCode.INVALID_ORDER));

    private static final Map<String, ExecType> ORDER_STATUSES = Map.of(
            "FILLED", ExecType.FILL, "PARTIALLY_FILLED", ExecType.FILL, "FILL", ExecType.FILL,
            "CANCELED", ExecType.CANCEL, "CANCELLED", ExecType.CANCEL, "REJECTED", ExecType.REJECT, "EXPIRED", ExecType.EXPIRE);

    private LegacyMapping() {
    }

    private static void event(EventType ours, Severity severity, String... legacy) {
        for (String l : legacy) {
            EVENT_TYPES.put(l, ours);
            SEVERITIES.put(l, severity);
        }
    }

    static Mapped event(LegacyLine line, String botId, String eventId) throws BadLineException {
        return switch (line.type()) {
            case "ORDER_DECISION", "ORDER_EVALUATED", "RISK_DECISION" -> decision(line, botId, eventId);
            case "ORDER_RESULT", "ORDER_FILLED", "ORDER_UPDATE" -> {
                ExecType exec = ORDER_STATUSES.get(upper(line.text("status", "exec_type")));
                yield exec == null ? other(line, botId, eventId) : execution(line, botId, eventId, exec);
            }
            default -> other(line, botId, eventId);
        };
    }

    static Mapped snapshot(LegacyLine line, String botId, String eventId) {
        JsonNode flags = line.details().path("risk_flags");
        boolean halted = flags.path("halted").asBoolean(line.details().path("halted").asBoolean(false));
        Double multiplier = flags.path("risk_multiplier").isNumber() ? flags.path("risk_multiplier").asDouble() : line.number("risk_multiplier");
        Double equity = line.number("equity");
        Double pnl = line.number("realized_pnl_today", "pnl_today", "total_pnl");
        Double openOrders = line.number("open_orders");
        List<String> alerts = new ArrayList<>();
        line.details().path("issues").forEach(i -> alerts.add(i.asText()));
        Snapshot s = Snapshot.newBuilder()
                .setEventId(eventId).setBotId(botId).setTsMs(line.time().toEpochMilli())
                .setTradingState(halted ? TradingState.HALTED : TradingState.ACTIVE)
                .setProcessState(ProcessState.UNKNOWN)
                .setEquity(equity)
                .setRealizedPnlToday(pnl == null ? 0 : pnl)
                .setOpenOrders(openOrders == null ? 0 : openOrders.intValue())
                .setRiskMultiplier(multiplier == null ? 1.0 : multiplier)
                .setMode(line.text("strategy_mode", "mode"))
                .setOpenAlerts(alerts)
                .build();
        return new Mapped(Topics.SNAPSHOTS, s);
    }

    private static Mapped decision(LegacyLine line, String botId, String eventId) throws BadLineException {
        Side side = side(line);
        String legacyCode = upper(line.text("code"));
        boolean allowed = line.details().path("allowed").isBoolean() ? line.details().path("allowed").asBoolean()
                : "OK".equals(legacyCode) || "ALLOWED".equals(legacyCode);
        DecisionCode code = allowed ? DecisionCode.OK : CODES.getOrDefault(legacyCode, DecisionCode.UNKNOWN);
        if (!allowed && code == DecisionCode.OK) {
            code = DecisionCode.UNKNOWN;
        }
        Double qty = line.number("quantity", "qty");
        String reason = line.text("reason");
        OrderDecision d = OrderDecision.newBuilder()
                .setEventId(eventId).setBotId(botId).setTsMs(line.time().toEpochMilli())
                .setCorrelationId(eventId)
                .setClientOrderId(line.text("client_order_id", "order_id"))
                .setSymbol(symbol(line))
                .setSide(side)
                .setQuantity(qty == null ? 0 : qty)
                .setAllowed(allowed)
                .setCode(code)
                .setReason(reason == null ? (legacyCode == null ? "" : legacyCode) : reason)
                .setCheck("legacy:" + (legacyCode == null ? (allowed ? "OK" : "") : legacyCode))
                .setNotional(line.number("notional"))
                .setValue(line.number("leverage"))
                .setTradingState(line.details().path("halted").asBoolean(false) ? TradingState.HALTED : TradingState.ACTIVE)
                .setLlmPaused(line.details().path("llm_paused").asBoolean(false))
                .setRiskMultiplier(line.number("risk_multiplier") == null ? 1.0 : line.number("risk_multiplier"))
                .setRequestTsMs(line.time().toEpochMilli())
                .build();
        return new Mapped(Topics.ORDER_DECISIONS, d);
    }

    private static Mapped execution(LegacyLine line, String botId, String eventId, ExecType exec) throws BadLineException {
        Double qty = line.number("filled_qty", "quantity", "qty");
        if (qty == null) {
            throw new BadLineException(line.type() + " without a quantity");
        }
        Double fee = line.number("fee", "commission");
        Execution e = Execution.newBuilder()
                .setEventId(eventId).setBotId(botId).setTsMs(line.time().toEpochMilli())
                .setExecId(line.text("exec_id", "trade_id") != null ? line.text("exec_id", "trade_id") : eventId)
                .setExecType(exec)
                .setClientOrderId(line.text("client_order_id", "order_id"))
                .setSymbol(symbol(line))
                .setSide(side(line))
                .setQty(qty)
                .setPrice(line.number("avg_price", "price"))
                .setFee(fee == null ? 0 : fee)
                .setFeeAsset(line.text("fee_asset", "commission_asset"))
                .setReason(line.text("reason"))
                .build();
        return new Mapped(Topics.EXECUTIONS, e);
    }

    private static Mapped other(LegacyLine line, String botId, String eventId) {
        EventType type = EVENT_TYPES.getOrDefault(line.type(), EventType.UNKNOWN);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(LEGACY_TYPE, line.type());
        line.detailsAsText().forEach((k, v) -> attributes.putIfAbsent(k, v));
        if (type == EventType.TRADING_STATE_CHANGED) {
            // What the halt rollup and the audit count as a halt.
            attributes.put("to", TradingState.HALTED.name());
        }
        String message = line.text("message", "reason", "summary");
        SupervisorEvent e = SupervisorEvent.newBuilder()
                .setEventId(eventId).setBotId(botId).setTsMs(line.time().toEpochMilli())
                .setEventType(type)
                .setSeverity(SEVERITIES.getOrDefault(line.type(), Severity.INFO))
                .setSource(SOURCE)
                .setMessage(message == null ? line.type() : message)
                .setSymbol(line.symbol())
                .setAttributes(attributes)
                .build();
        return new Mapped(Topics.EVENTS, e);
    }

    private static Side side(LegacyLine line) throws BadLineException {
        String s = upper(line.text("side"));
        if ("BUY".equals(s) || "LONG".equals(s)) {
            return Side.BUY;
        }
        if ("SELL".equals(s) || "SHORT".equals(s)) {
            return Side.SELL;
        }
        throw new BadLineException(line.type() + " without a side (BUY or SELL): " + s);
    }

    private static String symbol(LegacyLine line) throws BadLineException {
        String s = line.symbol() != null ? line.symbol() : line.text("symbol");
        if (s == null) {
            throw new BadLineException(line.type() + " without a symbol");
        }
        return s;
    }

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
