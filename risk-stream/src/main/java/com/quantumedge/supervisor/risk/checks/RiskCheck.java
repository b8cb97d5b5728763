package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** One pre-trade check: a pure function of the order's context; null means the order passes. */
public interface RiskCheck {

    DecisionCode code();

    Denial check(OrderContext order);

    default String name() {
        return getClass().getSimpleName();
    }
}
