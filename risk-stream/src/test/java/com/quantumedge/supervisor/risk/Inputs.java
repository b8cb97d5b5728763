package com.quantumedge.supervisor.risk;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SymbolLimits;

/** Builders of risk-stream inputs for tests; times are event times relative to {@link #T0}. */
public final class Inputs {

    /** 2025-11-24T16:00:00Z. */
    public static final long T0 = 1_764_000_000_000L;

    private Inputs() {
    }

    public static OrderRequest.Builder order(String bot, long ts, String symbol, Side side, double qty, Double price) {
        return OrderRequest.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                .setCorrelationId(UUID.randomUUID().toString()).setClientOrderId(null)
                .setSymbol(symbol).setSide(side).setOrderType(price == null ? OrderType.MARKET : OrderType.LIMIT)
                .setQuantity(qty).setPrice(price);
    }

    public static OrderRequest limitBuy(String bot, long ts, String symbol, double qty, double price) {
        return order(bot, ts, symbol, Side.BUY, qty, price).build();
    }

    public static OrderRequest limitSell(String bot, long ts, String symbol, double qty, double price) {
        return order(bot, ts, symbol, Side.SELL, qty, price).build();
    }

    public static Execution fill(String bot, long ts, String symbol, Side side, double qty, double price) {
        return execution(bot, ts, ExecType.FILL, symbol, side, qty, price, null, null);
    }

    public static Execution execution(String bot, long ts, ExecType type, String symbol, Side side, double qty, Double price,
            String clientOrderId, String correlationId) {
        return Execution.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                .setExecId(UUID.randomUUID().toString()).setExecType(type)
                .setClientOrderId(clientOrderId).setCorrelationId(correlationId)
                .setSymbol(symbol).setSide(side).setQty(qty).setPrice(price).setFee(0)
                .build();
    }

    public static Heartbeat heartbeat(String bot, long ts, Double equity, PositionReport... positions) {
        return Heartbeat.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                .setEquity(equity).setPositions(List.of(positions))
                .build();
    }

    public static PositionReport mark(String symbol, double qty, double markPrice) {
        return new PositionReport(symbol, qty, null, markPrice);
    }

    public static OperatorCommand command(String bot, long ts, CommandType type, Map<String, String> args) {
        return OperatorCommand.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(ts)
                .setCommandId(UUID.randomUUID().toString()).setCommandType(type)
                .setIssuedBy("operator-alice").setReason("test").setArgs(Map.copyOf(args)).setSource("HTTP")
                .build();
    }

    public static OperatorCommand command(String bot, long ts, CommandType type) {
        return command(bot, ts, type, Map.of());
    }

    /**
     * Equity of a bot whose test is not about equity: large enough that the built-in equity-relative
     * limits (25% per order, 2x per symbol, 3x gross) stay far above the orders' sizes.
     */
    public static final double FUNDED_EQUITY = 1_000_000.0;

    /** A heartbeat reporting {@link #FUNDED_EQUITY}, a second before {@link #T0}. */
    public static Heartbeat funded(String bot) {
        return heartbeat(bot, T0 - 1_000, FUNDED_EQUITY);
    }

    /** A limits record with nothing set; callers set what the test is about. */
    public static RiskLimits.Builder limits(String key) {
        return RiskLimits.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(key).setTsMs(T0).setVersion(1)
                .setUpdatedBy("test").setReason("test");
    }

    public static SymbolLimits symbolLimits(Double maxQty, Double maxNotional, Double maxExposure, Double collar) {
        return new SymbolLimits(maxQty, maxNotional, maxExposure, collar);
    }
}
