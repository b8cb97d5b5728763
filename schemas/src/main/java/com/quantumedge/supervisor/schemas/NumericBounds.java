package com.quantumedge.supervisor.schemas;

import java.math.BigDecimal;

/**
 * The ranges every number a bot sends must fall in before it is written to a topic. Wide enough for
 * any real account (a quadrillion in money, 1000× the largest token supplies in quantity, prices from
 * a trillionth to a trillion, Binance's 125× leverage), narrow enough that sums and products of them
 * stay finite and printable: {@code 1e308} is not a PnL, it is a bug upstream.
 */
public final class NumericBounds {

    /** Largest magnitude of an amount of money: equity, PnL, notional, fee. */
    public static final double MAX_MONEY = 1e15;
    /** Largest magnitude of a quantity (base units or contracts). */
    public static final double MAX_QUANTITY = 1e15;
    /** Smallest positive price; a price of 0 is refused or, where a field says so, means unknown. */
    public static final double MIN_PRICE = 1e-12;
    public static final double MAX_PRICE = 1e12;
    /** Highest leverage of any listed crypto future the bot trades (Binance USDⓈ-M). */
    public static final double MAX_LEVERAGE = 125;
    /** Longest duration in seconds (uptime): about 317 years. */
    public static final double MAX_DURATION_S = 1e10;
    /** Event times (epoch ms) from 2000-01-01T00:00Z ... */
    public static final long MIN_EPOCH_MS = 946_684_800_000L;
    /** ... to 2100-01-01T00:00Z: anything else is a unit mistake (seconds, microseconds), not a time. */
    public static final long MAX_EPOCH_MS = 4_102_444_800_000L;

    /** Signed money: PnL, fee (negative fees are rebates). */
    public static final Range MONEY = Range.closed(-MAX_MONEY, MAX_MONEY);
    /** Equity. */
    public static final Range NON_NEGATIVE_MONEY = Range.closed(0, MAX_MONEY);
    /** Order notional. */
    public static final Range POSITIVE_MONEY = Range.aboveZero(MAX_MONEY);
    /** A signed position: positive long, negative short, 0 flat. */
    public static final Range SIGNED_QUANTITY = Range.closed(-MAX_QUANTITY, MAX_QUANTITY);
    /** A remaining or cancelled quantity. */
    public static final Range QUANTITY = Range.closed(0, MAX_QUANTITY);
    /** An order or fill quantity. */
    public static final Range POSITIVE_QUANTITY = Range.aboveZero(MAX_QUANTITY);
    public static final Range PRICE = Range.closed(MIN_PRICE, MAX_PRICE);
    public static final Range LEVERAGE = Range.aboveZero(MAX_LEVERAGE);
    public static final Range DURATION_S = Range.closed(0, MAX_DURATION_S);
    public static final Range EPOCH_MS = Range.closed(MIN_EPOCH_MS, MAX_EPOCH_MS);

    private NumericBounds() {
    }

    /** Finite numbers from {@code min} (inclusive, or exclusive when {@code minExclusive}) to {@code max} inclusive. */
    public record Range(double min, boolean minExclusive, double max) {

        static Range closed(double min, double max) {
            return new Range(min, false, max);
        }

        static Range aboveZero(double max) {
            return new Range(0, true, max);
        }

        public boolean contains(double v) {
            return (minExclusive ? v > min : v >= min) && v <= max;
        }

        /** E.g. "between -1E+15 and 1E+15", "greater than 0 and at most 125". */
        public String describe() {
            return minExclusive ? "greater than " + text(min) + " and at most " + text(max)
                    : "between " + text(min) + " and " + text(max);
        }

        private static String text(double v) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toString();
        }
    }
}
