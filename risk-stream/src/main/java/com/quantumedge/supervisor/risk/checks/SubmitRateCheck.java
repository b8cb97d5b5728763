package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** More than N allowed orders within the window (default 100 per 1000 ms), counted by event time. */
public final class SubmitRateCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.SUBMIT_RATE_EXCEEDED;
    }

    @Override
    public Denial check(OrderContext o) {
        int max = o.limits.maxSubmitsPerWindow();
        if (max < 0) {
            return null;
        }
        int recent = o.state.submitTimes().countSince(o.request.getTsMs() - o.limits.submitWindowMs());
        if (recent + 1 > max) {
            return new Denial(max, recent + 1, (recent + 1) + " orders in " + o.limits.submitWindowMs()
                    + " ms exceed max " + max);
        }
        return null;
    }
}
