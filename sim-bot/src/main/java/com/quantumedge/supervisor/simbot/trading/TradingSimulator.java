package com.quantumedge.supervisor.simbot.trading;

import java.util.Map;
import java.util.Random;

import com.quantumedge.supervisor.simbot.market.RandomWalkPrice;

/**
 * A toy strategy on one symbol: each step the price moves; sometimes the bot wants to trade a small
 * quantity at the mark, and when it already holds a position it leans towards closing it so the
 * position stays bounded. Allowed orders fill immediately at the mark, minus a taker fee.
 */
public final class TradingSimulator {

    private final String symbol;
    private final RandomWalkPrice price;
    private final Random random;
    private final double orderQty;
    private final double maxPositionQty;
    private final double feeRate;
    private final double leverage;
    private final Portfolio portfolio;
    private long orderSeq;
    private long execSeq;
    private final String idPrefix;

    public TradingSimulator(String symbol, RandomWalkPrice price, long seed, double orderQty, double maxPositionQty,
            double feeRate, double leverage, double startingEquity, String idPrefix) {
        this.symbol = symbol;
        this.price = price;
        this.random = new Random(seed);
        this.orderQty = orderQty;
        this.maxPositionQty = maxPositionQty;
        this.feeRate = feeRate;
        this.leverage = leverage;
        this.portfolio = new Portfolio(startingEquity);
        this.idPrefix = idPrefix;
    }

    /** Moves the market one step and returns the mark price. */
    public double tick() {
        return price.next();
    }

    /** The next order the strategy wants, at the current mark. */
    public OrderIntent nextOrder() {
        double held = portfolio.position(symbol).qty();
        Side side;
        boolean reduceOnly = false;
        if (Math.abs(held) + orderQty > maxPositionQty + 1e-12) {
            side = held > 0 ? Side.SELL : Side.BUY;
            reduceOnly = true;
        } else {
            side = random.nextBoolean() ? Side.BUY : Side.SELL;
        }
        String type = random.nextInt(4) == 0 ? "LIMIT" : "MARKET";
        return new OrderIntent(idPrefix + "-o" + (++orderSeq), symbol, side, type, orderQty, price.current(), leverage,
                reduceOnly);
    }

    /** Fills an allowed order at the current mark and books it. */
    public Fill fill(OrderIntent order) {
        double px = price.current();
        Fill fill = new Fill(idPrefix + "-x" + (++execSeq), order.clientOrderId(), order.symbol(), order.side(),
                order.qty(), px, order.qty() * px * feeRate);
        portfolio.apply(fill);
        return fill;
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    public String symbol() {
        return symbol;
    }

    public double mark() {
        return price.current();
    }

    public double equity() {
        return portfolio.equity(Map.of(symbol, price.current()));
    }
}
