package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

import com.quantumedge.supervisor.avro.OrderType;

/** A quantity that is not a positive number, a blank symbol, a non-positive price, or a limit order without a price. */
public final class InvalidOrderCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.INVALID_ORDER;
    }

    @Override
    public Denial check(OrderContext o) {
        double qty = o.request.getQuantity();
        if (!(qty > 0) || Double.isInfinite(qty)) {
            return new Denial(0, qty, "quantity must be a positive number, was " + qty);
        }
        if (o.request.getSymbol() == null || o.request.getSymbol().isBlank()) {
            return new Denial(Double.NaN, Double.NaN, "symbol is blank");
        }
        Double price = o.request.getPrice();
        if (price != null && (!(price > 0) || Double.isInfinite(price))) {
            return new Denial(0, price, "price must be a positive number, was " + price);
        }
        OrderType type = o.request.getOrderType();
        if (price == null && (type == OrderType.LIMIT || type == OrderType.STOP_LIMIT || type == OrderType.TAKE_PROFIT_LIMIT)) {
            return new Denial(Double.NaN, Double.NaN, type + " order without a price");
        }
        return null;
    }
}
