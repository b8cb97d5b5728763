package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/**
 * The engine's answer to one order: OK, or the first check that denied it with its limit and
 * measured value; and what the order would do to exposure.
 */
public record Verdict(DecisionCode code, String check, double limit, double value, String reason,
        double notional, double symbolExposureAfter, double grossExposureAfter) {

    public boolean allowed() {
        return code == DecisionCode.OK;
    }
}
