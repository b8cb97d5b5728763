package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.risk.limits.SymbolLimitsView;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.risk.account.Position;

/**
 * What every check needs to know about one order, derived once from (request, state, limits):
 * direction, position before and after, the price it is valued at, its notional and the exposure
 * it would leave behind. Checks only read it.
 */
public final class OrderContext {

    final OrderRequest request;
    final BotRiskState state;
    final EffectiveLimits limits;
    final SymbolLimitsView symbolLimits;
    final double signedQty;
    final double positionQty;
    final double positionQtyAfter;
    final boolean growsOrFlips;
    final double referencePrice;
    final double referenceAgeMs;
    final double valuationPrice;
    final double notional;
    final double symbolExposureBefore;
    final double symbolExposureAfter;
    final double grossExposureBefore;
    final double grossExposureAfter;

    public OrderContext(OrderRequest request, BotRiskState state, EffectiveLimits limits) {
        this.request = request;
        this.state = state;
        this.limits = limits;
        this.symbolLimits = limits.forSymbol(request.getSymbol());
        this.signedQty = request.getSide() == Side.SELL ? -request.getQuantity() : request.getQuantity();
        Position p = state.position(request.getSymbol());
        this.positionQty = p == null ? 0 : p.qty();
        this.positionQtyAfter = positionQty + signedQty;
        this.growsOrFlips = Math.abs(positionQtyAfter) > Math.abs(positionQty)
                || (positionQty != 0 && positionQtyAfter != 0 && Math.signum(positionQty) != Math.signum(positionQtyAfter));
        long ts = request.getTsMs();
        if (p != null && !Double.isNaN(p.lastPrice())) {
            this.referencePrice = p.lastPrice();
            this.referenceAgeMs = Math.max(0, ts - p.lastPriceTsMs());
        } else {
            this.referencePrice = Double.NaN;
            this.referenceAgeMs = Double.POSITIVE_INFINITY;
        }
        Double limitPrice = request.getPrice();
        boolean freshReference = referenceAgeMs <= limits.maxPriceAgeMs();
        if (!isMarket(request.getOrderType()) && limitPrice != null && limitPrice > 0) {
            this.valuationPrice = limitPrice;
        } else if (freshReference) {
            this.valuationPrice = referencePrice;
        } else {
            this.valuationPrice = Double.NaN;
        }
        this.notional = Double.isNaN(valuationPrice) ? Double.NaN : request.getQuantity() * valuationPrice;
        double price = Double.isNaN(valuationPrice) ? (p == null ? 0 : p.valuationPrice()) : valuationPrice;
        this.symbolExposureBefore = p == null ? 0 : p.worstCaseQty(0) * price;
        this.symbolExposureAfter = (p == null ? Math.abs(signedQty) : p.worstCaseQty(signedQty)) * price;
        // The order's symbol is valued at the order's price both before and after, so that an order
        // that does not add quantity never appears to add exposure.
        double others = state.grossExposure() - (p == null ? 0 : p.worstCaseQty(0) * p.valuationPrice());
        this.grossExposureBefore = others + symbolExposureBefore;
        this.grossExposureAfter = others + symbolExposureAfter;
    }

    static boolean isMarket(OrderType type) {
        return type == OrderType.MARKET || type == OrderType.STOP_MARKET || type == OrderType.TAKE_PROFIT_MARKET
                || type == OrderType.TRAILING_STOP_MARKET;
    }

    public OrderRequest request() {
        return request;
    }

    public BotRiskState state() {
        return state;
    }

    public EffectiveLimits limits() {
        return limits;
    }

    public SymbolLimitsView symbolLimits() {
        return symbolLimits;
    }

    public double signedQty() {
        return signedQty;
    }

    public double positionQty() {
        return positionQty;
    }

    public double positionQtyAfter() {
        return positionQtyAfter;
    }

    /** True if the order makes the position's absolute size grow or its sign flip: an entry. */
    public boolean growsOrFlips() {
        return growsOrFlips;
    }

    /** Last market price of the symbol, NaN if none. */
    public double referencePrice() {
        return referencePrice;
    }

    public double referenceAgeMs() {
        return referenceAgeMs;
    }

    /** The order's limit price, else a fresh last price, else NaN (unvalued). */
    public double valuationPrice() {
        return valuationPrice;
    }

    /** Quantity times valuation price; NaN when the order cannot be valued. */
    public double notional() {
        return notional;
    }

    public double symbolExposureBefore() {
        return symbolExposureBefore;
    }

    public double symbolExposureAfter() {
        return symbolExposureAfter;
    }

    public double grossExposureBefore() {
        return grossExposureBefore;
    }

    public double grossExposureAfter() {
        return grossExposureAfter;
    }
}
