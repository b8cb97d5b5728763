package com.quantumedge.supervisor.risk.checks;

import java.util.List;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.risk.account.BotRiskState;

/**
 * The pre-trade rule engine: runs the checks in {@link #STANDARD_ORDER} and answers with the first
 * denial, or OK. Pure: it reads the request, the bot's state and its limits and changes nothing;
 * recording the reservation of an allowed order is the caller's job ({@code RiskBook}).
 */
public final class RiskEngine {

    /**
     * The documented check order. Structural validity first, then the trading state (a halted bot
     * answers TRADING_HALTED whatever else is wrong), then loss limits (which halt), then the
     * direction rules, then per-order size and price, then whether equity is known (the notional
     * and exposure limits after it may be relative to it), then exposure after the order, then the
     * throttles, so that only orders that would otherwise pass count against the submit rate.
     */
    public static final List<RiskCheck> STANDARD_ORDER = List.of(
            new InvalidOrderCheck(),
            new TradingHaltedCheck(),
            new DailyLossCheck(),
            new DrawdownCheck(),
            new ReducingStateCheck(),
            new EntriesPausedCheck(),
            new ReduceOnlyCheck(),
            new MaxQuantityCheck(),
            new MarketPriceCheck(),
            new PriceCollarCheck(),
            new EquityUnknownCheck(),
            new MaxNotionalCheck(),
            new LeverageCheck(),
            new SymbolExposureCheck(),
            new GrossExposureCheck(),
            new OpenOrdersCheck(),
            new SubmitRateCheck());

    private final RiskCheck[] checks;

    public RiskEngine() {
        this(STANDARD_ORDER);
    }

    public RiskEngine(List<RiskCheck> checks) {
        this.checks = checks.toArray(RiskCheck[]::new);
    }

    public Verdict evaluate(OrderRequest request, BotRiskState state, EffectiveLimits limits) {
        OrderContext order = new OrderContext(request, state, limits);
        for (RiskCheck check : checks) {
            Denial denial = check.check(order);
            if (denial != null) {
                return new Verdict(check.code(), check.name(), denial.limit(), denial.value(), denial.reason(),
                        order.notional, order.symbolExposureAfter, order.grossExposureAfter);
            }
        }
        return new Verdict(DecisionCode.OK, null, Double.NaN, Double.NaN, "allowed",
                order.notional, order.symbolExposureAfter, order.grossExposureAfter);
    }
}
