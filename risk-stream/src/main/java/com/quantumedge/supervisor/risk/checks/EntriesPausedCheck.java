package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** Entries paused: no order that grows or flips a position. */
public final class EntriesPausedCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.ENTRIES_PAUSED;
    }

    @Override
    public Denial check(OrderContext o) {
        if (o.state.entriesPaused() && o.growsOrFlips) {
            return new Denial(Math.abs(o.positionQty), Math.abs(o.positionQtyAfter),
                    "entries paused: position " + o.positionQty + " would become " + o.positionQtyAfter);
        }
        return null;
    }
}
