package com.quantumedge.supervisor.risk.book;

/** Which side wins when a heartbeat's positions disagree with the positions computed from fills. */
public enum MismatchPolicy {
    /** Emit POSITION_MISMATCH and keep the computed position (fills are the record). */
    TRUST_FILLS,
    /** Emit POSITION_MISMATCH and take the bot's reported quantity and average price. */
    TRUST_HEARTBEAT
}
