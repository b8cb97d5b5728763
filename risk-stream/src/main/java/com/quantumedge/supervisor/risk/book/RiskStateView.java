package com.quantumedge.supervisor.risk.book;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.risk.account.Position;
import com.quantumedge.supervisor.risk.account.PositionAccounting;

/** The published {@code sup.risk-state.v1} view of a bot's state. */
public final class RiskStateView {

    private RiskStateView() {
    }

    public static RiskState of(BotRiskState s, long tsMs) {
        List<PositionState> positions = new ArrayList<>();
        double gross = 0;
        double net = 0;
        double unrealized = 0;
        for (Map.Entry<String, Position> e : new TreeMap<>(s.positions()).entrySet()) {
            Position p = e.getValue();
            double price = p.valuationPrice();
            double exposure = Math.abs(p.qty()) * price;
            gross += exposure;
            net += p.qty() * price;
            if (!Double.isNaN(p.lastPrice())) {
                unrealized += PositionAccounting.unrealized(p, p.lastPrice());
            }
            positions.add(PositionState.newBuilder()
                    .setSymbol(e.getKey())
                    .setQty(p.qty())
                    .setAvgPrice(p.avgPrice())
                    .setRealizedPnl(p.realizedPnl())
                    .setMarkPrice(Double.isNaN(p.lastPrice()) ? null : p.lastPrice())
                    .setMarkTsMs(Double.isNaN(p.lastPrice()) ? null : p.lastPriceTsMs())
                    .setExposure(exposure)
                    .build());
        }
        return RiskState.newBuilder()
                .setEventId(EventFactory.derivedId(s.botId(), "state|" + s.sequence()))
                .setBotId(s.botId())
                .setTsMs(tsMs)
                .setSequence(s.sequence())
                .setTradingState(s.tradingState())
                .setStateReason(s.stateReason())
                .setStateSinceTsMs(s.stateSinceMs())
                .setEntriesPaused(s.entriesPaused())
                .setLlmPaused(s.llmPaused())
                .setRiskMultiplier(s.riskMultiplier())
                .setEquity(nullable(s.equity()))
                .setPeakEquity(nullable(s.peakEquity()))
                .setDayStartEquity(nullable(s.dayStartEquity()))
                .setTradingDay(s.tradingDay() == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(s.tradingDay()).toString())
                .setRealizedPnlToday(s.realizedPnlToday())
                .setUnrealizedPnl(unrealized)
                .setDrawdownPct(s.drawdownPct())
                .setGrossExposure(gross)
                .setNetExposure(net)
                .setReservedExposure(s.reservedExposure())
                .setOpenReservations(s.reservations().size())
                .setLastHeartbeatTsMs(s.lastHeartbeatMs() < 0 ? null : s.lastHeartbeatMs())
                .setPositions(positions)
                .build();
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
