package com.quantumedge.supervisor.risk.book;

import java.time.Clock;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.risk.checks.RiskEngine;
import com.quantumedge.supervisor.risk.checks.Verdict;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.risk.account.Position;
import com.quantumedge.supervisor.risk.account.PositionAccounting;
import com.quantumedge.supervisor.risk.account.Reservation;

/**
 * Applies each input of one bot to its state: order checks (decide, then reserve), executions
 * (positions, PnL, reservations), heartbeats (equity, marks, mismatches) and operator commands
 * (trading state). Time is the inputs' event time, so a replay of the same inputs gives the same
 * state and the same decisions. Plain Java: the stream processor and the kill test's straight
 * replay both drive this class.
 */
public final class RiskBook {

    static final String ADVISOR_SOURCE = "ADVISOR";

    private final RiskEngine engine;
    private final BookSettings settings;
    private final Clock clock;
    private final ZoneRules tradingDayZone;

    public RiskBook(RiskEngine engine, BookSettings settings, Clock clock) {
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
        this.tradingDayZone = settings.tradingDayZone().getRules();
    }

    public Outcome onOrderRequest(BotRiskState s, OrderRequest r, EffectiveLimits limits) {
        List<SupervisorEvent> events = new ArrayList<>(0);
        long ts = r.getTsMs();
        startOfInput(s, ts, limits, r.getEventId(), events);
        Verdict v = engine.evaluate(r, s, limits);
        if (v.allowed()) {
            double signed = r.getSide() == Side.SELL ? -r.getQuantity() : r.getQuantity();
            String key = r.getClientOrderId() != null ? r.getClientOrderId() : r.getCorrelationId();
            s.reserve(new Reservation(key, r.getCorrelationId(), r.getSymbol(), signed, v.notional() / r.getQuantity(), ts));
            if (r.getPrice() != null) {
                s.recordLimitPrice(r.getSymbol(), r.getPrice());
            }
            s.submitTimes().add(ts);
            s.submitTimes().prune(ts - limits.submitWindowMs(), Math.max(limits.maxSubmitsPerWindow(), 1));
        } else if ((v.code() == DecisionCode.DAILY_LOSS_LIMIT || v.code() == DecisionCode.DRAWDOWN_LIMIT)
                && s.tradingState() != TradingState.HALTED) {
            halt(s, v.code(), v.limit(), v.value(), limits, ts, r.getEventId(), r.getCorrelationId(), events);
        }
        s.bumpSequence();
        return new Outcome(decision(r, v, s), events, true);
    }

    public Outcome onExecution(BotRiskState s, Execution e, EffectiveLimits limits, AppliedExecutions applied,
            String inputPosition) {
        if (applied.isDuplicate(s.botId(), e.getExecId(), inputPosition)) {
            return Outcome.NOTHING;
        }
        List<SupervisorEvent> events = new ArrayList<>(0);
        long ts = e.getTsMs();
        startOfInput(s, ts, limits, e.getEventId(), events);
        String key = reservationKey(s, e);
        if (e.getExecType() == ExecType.FILL) {
            double price = e.getPrice() == null ? Double.NaN : e.getPrice();
            if (e.getQty() > 0 && price > 0) {
                Position p = s.positionOrCreate(e.getSymbol());
                double signed = e.getSide() == Side.SELL ? -e.getQty() : e.getQty();
                double realized = PositionAccounting.applyFill(p, signed, price);
                s.addRealizedPnlToday(realized - e.getFee());
                p.markPrice(price, ts);
            }
            if (key != null) {
                Reservation r = s.reservations().get(key);
                double remaining = e.getLeavesQty() != null ? e.getLeavesQty() : Math.abs(r.signedQty()) - e.getQty();
                s.shrinkReservation(key, remaining);
            }
        } else if (key != null) {
            s.release(key);
        }
        applied.record(s.botId(), e.getExecId(), inputPosition, ts);
        checkBreaches(s, limits, ts, e.getEventId(), e.getCorrelationId(), events);
        s.bumpSequence();
        return new Outcome(null, events, true);
    }

    public Outcome onHeartbeat(BotRiskState s, Heartbeat h, EffectiveLimits limits) {
        List<SupervisorEvent> events = new ArrayList<>(0);
        long ts = h.getTsMs();
        startOfInput(s, ts, limits, h.getEventId(), events);
        s.lastHeartbeatMs(ts);
        if (h.getEquity() != null) {
            s.equity(h.getEquity());
        }
        for (PositionReport report : h.getPositions()) {
            if (report.getMarkPrice() != null) {
                s.positionOrCreate(report.getSymbol()).markPrice(report.getMarkPrice(), ts);
            }
        }
        if (!h.getPositions().isEmpty()) {
            comparePositions(s, h, events);
        }
        checkBreaches(s, limits, ts, h.getEventId(), null, events);
        s.bumpSequence();
        return new Outcome(null, events, true);
    }

    public Outcome onOperatorCommand(BotRiskState s, OperatorCommand c, EffectiveLimits limits) {
        List<SupervisorEvent> events = new ArrayList<>(2);
        long ts = c.getTsMs();
        startOfInput(s, ts, limits, c.getEventId(), events);
        String who = c.getIssuedBy() + ": " + c.getReason();
        switch (c.getCommandType()) {
            case HALT -> changeState(s, TradingState.HALTED, "operator " + who, null, ts, c.getEventId(), c.getCommandId(), events);
            case RESUME -> {
                changeState(s, TradingState.ACTIVE, "operator " + who, null, ts, c.getEventId(), c.getCommandId(), events);
                s.liftAdvisorPause();
            }
            case REDUCE_ONLY -> changeState(s, TradingState.REDUCING, "operator " + who, null, ts, c.getEventId(), c.getCommandId(), events);
            case PAUSE_ENTRIES -> s.pauseEntries(fromAdvisor(c));
            case RESUME_ENTRIES -> {
                if (fromAdvisor(c) && s.entriesPaused() && !s.llmPaused()) {
                    events.add(commandEvent(s, c, EventType.OPERATOR_COMMAND_REJECTED, Severity.WARNING,
                            "the advisor may only lift a pause it set; entries stay paused"));
                    s.bumpSequence();
                    return new Outcome(null, events, false);
                }
                s.resumeEntries();
            }
            case SET_RISK_MULTIPLIER -> {
                String rejection = setMultiplier(s, c, limits);
                if (rejection != null) {
                    events.add(commandEvent(s, c, EventType.OPERATOR_COMMAND_REJECTED, Severity.WARNING, rejection));
                    s.bumpSequence();
                    return new Outcome(null, events, false);
                }
            }
            default -> {
                return new Outcome(null, events, !events.isEmpty());
            }
        }
        events.add(commandEvent(s, c, EventType.OPERATOR_COMMAND_APPLIED, Severity.INFO,
                c.getCommandType() + " applied (" + who + ")"));
        s.bumpSequence();
        return new Outcome(null, events, true);
    }

    /** Commands the LLM advisor (policy-service) issued; its pauses are flagged llm_paused. */
    private static boolean fromAdvisor(OperatorCommand c) {
        return ADVISOR_SOURCE.equals(c.getSource());
    }

    private static String setMultiplier(BotRiskState s, OperatorCommand c, EffectiveLimits limits) {
        String raw = c.getArgs().get("multiplier");
        double m;
        try {
            m = raw == null ? Double.NaN : Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            m = Double.NaN;
        }
        if (!(m > 0) || m > limits.maxRiskMultiplier()) {
            return "multiplier must be > 0 and <= " + limits.maxRiskMultiplier() + ", was " + raw;
        }
        s.riskMultiplier(m);
        return null;
    }

    private SupervisorEvent commandEvent(BotRiskState s, OperatorCommand c, EventType type, Severity severity, String message) {
        return EventFactory.event(c.getEventId(), s.botId(), c.getTsMs(), type, severity, message, c.getCommandId(), null,
                Map.of("command_id", c.getCommandId(), "command_type", c.getCommandType().name(),
                        "issued_by", c.getIssuedBy(), "reason", c.getReason(), "source", c.getSource(),
                        "args", c.getArgs().toString(), "trading_state", s.tradingState().name(),
                        "entries_paused", Boolean.toString(s.entriesPaused()),
                        "llm_paused", Boolean.toString(s.llmPaused()),
                        "risk_multiplier", Double.toString(s.riskMultiplier())));
    }

    /** Day roll and reservation expiry, which every input triggers from its event time. */
    private void startOfInput(BotRiskState s, long ts, EffectiveLimits limits, String inputId, List<SupervisorEvent> events) {
        long day = TradingDays.epochDay(ts, tradingDayZone);
        if (day > s.tradingDay()) {
            boolean first = s.tradingDay() == Long.MIN_VALUE;
            s.startTradingDay(day);
            if (!first && s.tradingState() == TradingState.HALTED && s.haltCause() == DecisionCode.DAILY_LOSS_LIMIT
                    && limits.newDayLiftsDailyLossHalt()) {
                changeState(s, TradingState.ACTIVE, "new trading day lifts the daily-loss halt", null, ts, inputId, null, events);
            }
        }
        s.expireReservations(ts - settings.reservationTtl().toMillis());
    }

    private void checkBreaches(BotRiskState s, EffectiveLimits limits, long ts, String inputId, String correlationId,
            List<SupervisorEvent> events) {
        if (s.tradingState() == TradingState.HALTED) {
            return;
        }
        double loss = -s.dailyPnl();
        double maxDailyLoss = limits.dailyLossLimit(s.dayStartEquity());
        if (!Double.isNaN(maxDailyLoss) && loss >= maxDailyLoss) {
            halt(s, DecisionCode.DAILY_LOSS_LIMIT, maxDailyLoss, loss, limits, ts, inputId, correlationId, events);
        } else if (!Double.isNaN(limits.maxDrawdownPct()) && s.drawdownPct() >= limits.maxDrawdownPct()) {
            halt(s, DecisionCode.DRAWDOWN_LIMIT, limits.maxDrawdownPct(), s.drawdownPct(), limits, ts, inputId, correlationId, events);
        }
    }

    private void halt(BotRiskState s, DecisionCode cause, double limit, double value, EffectiveLimits limits, long ts,
            String inputId, String correlationId, List<SupervisorEvent> events) {
        String message = cause + " breached: " + value + " against limit " + limit;
        events.add(EventFactory.event(inputId, s.botId(), ts, EventType.RISK_BREACH, Severity.CRITICAL, message,
                correlationId, null, Map.of("code", cause.name(), "limit", EventFactory.num(limit),
                        "value", EventFactory.num(value), "equity", EventFactory.num(s.equity()),
                        "peak_equity", EventFactory.num(s.peakEquity()), "day_start_equity", EventFactory.num(s.dayStartEquity()),
                        "realized_pnl_today", EventFactory.num(s.realizedPnlToday()), "limits_version", limits.version())));
        changeState(s, TradingState.HALTED, "auto-halt: " + message, cause, ts, inputId, correlationId, events);
    }

    private void changeState(BotRiskState s, TradingState to, String reason, DecisionCode cause, long ts, String inputId,
            String correlationId, List<SupervisorEvent> events) {
        TradingState from = s.tradingState();
        if (from == to) {
            return;
        }
        s.transition(to, reason, cause, ts);
        events.add(EventFactory.event(inputId, s.botId(), ts, EventType.TRADING_STATE_CHANGED,
                to == TradingState.HALTED ? Severity.CRITICAL : Severity.WARNING, from + " -> " + to + ": " + reason,
                correlationId, null, Map.of("from", from.name(), "to", to.name(), "reason", reason,
                        "cause", cause == null ? "" : cause.name())));
    }

    private void comparePositions(BotRiskState s, Heartbeat h, List<SupervisorEvent> events) {
        Set<String> symbols = new HashSet<>();
        for (PositionReport report : h.getPositions()) {
            symbols.add(report.getSymbol());
            check(s, h, report.getSymbol(), report.getQty(), report.getAvgPrice(), events);
        }
        for (Map.Entry<String, Position> e : List.copyOf(s.positions().entrySet())) {
            if (!symbols.contains(e.getKey()) && e.getValue().qty() != 0) {
                check(s, h, e.getKey(), 0, null, events);
            }
        }
    }

    private void check(BotRiskState s, Heartbeat h, String symbol, double reported, Double reportedAvg,
            List<SupervisorEvent> events) {
        double computed = s.positionQty(symbol);
        if (Math.abs(reported - computed) <= settings.positionTolerance()) {
            s.mismatchedSymbols().remove(symbol);
            return;
        }
        boolean isNew = s.mismatchedSymbols().add(symbol);
        if (isNew) {
            events.add(EventFactory.event(h.getEventId(), s.botId(), h.getTsMs(), EventType.POSITION_MISMATCH, Severity.WARNING,
                    symbol + ": bot reports " + reported + ", fills give " + computed + " (" + settings.mismatchPolicy() + ")",
                    null, symbol, Map.of("reported_qty", Double.toString(reported), "computed_qty", Double.toString(computed),
                            "policy", settings.mismatchPolicy().name())));
        }
        if (settings.mismatchPolicy() == MismatchPolicy.TRUST_HEARTBEAT) {
            Position p = s.position(symbol);
            double avg = reportedAvg != null ? reportedAvg : (p == null ? 0 : p.avgPrice());
            s.overwritePosition(symbol, reported, reported == 0 ? 0 : avg);
            s.mismatchedSymbols().remove(symbol);
        }
    }

    private static String reservationKey(BotRiskState s, Execution e) {
        if (e.getClientOrderId() != null && s.reservations().containsKey(e.getClientOrderId())) {
            return e.getClientOrderId();
        }
        if (e.getCorrelationId() != null && s.reservations().containsKey(e.getCorrelationId())) {
            return e.getCorrelationId();
        }
        return null;
    }

    private OrderDecision decision(OrderRequest r, Verdict v, BotRiskState s) {
        return OrderDecision.newBuilder()
                .setEventId(EventFactory.derivedId(r.getEventId(), "decision"))
                .setBotId(r.getBotId())
                .setTsMs(clock.millis())
                .setCorrelationId(r.getCorrelationId())
                .setClientOrderId(r.getClientOrderId())
                .setSymbol(r.getSymbol())
                .setSide(r.getSide())
                .setQuantity(r.getQuantity())
                .setAllowed(v.allowed())
                .setCode(v.code())
                .setReason(v.reason())
                .setCheck(v.check())
                .setLimit(nullable(v.limit()))
                .setValue(nullable(v.value()))
                .setNotional(nullable(v.notional()))
                .setSymbolExposureAfter(finite(v.symbolExposureAfter()))
                .setGrossExposureAfter(finite(v.grossExposureAfter()))
                .setTradingState(s.tradingState())
                .setEntriesPaused(s.entriesPaused())
                .setLlmPaused(s.llmPaused())
                .setRiskMultiplier(s.riskMultiplier())
                .setRequestTsMs(r.getTsMs())
                .build();
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? 0 : v;
    }
}
