package com.quantumedge.supervisor.simbot.trading;

public enum Side {
    BUY, SELL;

    /** +1 for a buy, -1 for a sell: the sign a fill adds to the position. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
