package com.quantumedge.supervisor.schemas.limits;

import java.util.Arrays;
import java.util.Optional;

import com.quantumedge.supervisor.avro.DecisionCode;

/**
 * The risk checks an operator can switch off, each named by the decision code it denies with: that
 * name is what {@code disabled_checks} lists. The other checks (invalid order, trading state,
 * direction rules, market price) cannot be switched off.
 */
public enum LimitCheck {

    QTY_EXCEEDS_MAX(DecisionCode.QTY_EXCEEDS_MAX),
    NOTIONAL_EXCEEDS_MAX(DecisionCode.NOTIONAL_EXCEEDS_MAX),
    LEVERAGE_EXCEEDS_MAX(DecisionCode.LEVERAGE_EXCEEDS_MAX),
    SYMBOL_EXPOSURE_EXCEEDS_MAX(DecisionCode.SYMBOL_EXPOSURE_EXCEEDS_MAX),
    GROSS_EXPOSURE_EXCEEDS_MAX(DecisionCode.GROSS_EXPOSURE_EXCEEDS_MAX),
    OPEN_ORDERS_EXCEEDS_MAX(DecisionCode.OPEN_ORDERS_EXCEEDS_MAX),
    SUBMIT_RATE_EXCEEDED(DecisionCode.SUBMIT_RATE_EXCEEDED),
    PRICE_OUT_OF_COLLAR(DecisionCode.PRICE_OUT_OF_COLLAR),
    DAILY_LOSS_LIMIT(DecisionCode.DAILY_LOSS_LIMIT),
    DRAWDOWN_LIMIT(DecisionCode.DRAWDOWN_LIMIT),
    /** Denies an order that grows exposure while equity-relative limits are in force and the bot's equity is unknown. */
    EQUITY_UNKNOWN(DecisionCode.EQUITY_UNKNOWN);

    private final DecisionCode code;

    LimitCheck(DecisionCode code) {
        this.code = code;
    }

    public DecisionCode code() {
        return code;
    }

    /** The check of that name as listed in {@code disabled_checks}, if it is one. */
    public static Optional<LimitCheck> named(CharSequence name) {
        String text = name == null ? "" : name.toString();
        return Arrays.stream(values()).filter(c -> c.name().equals(text)).findFirst();
    }
}
