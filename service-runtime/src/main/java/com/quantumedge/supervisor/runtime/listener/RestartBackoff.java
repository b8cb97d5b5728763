package com.quantumedge.supervisor.runtime.listener;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a failed consumer waits before it is replaced: {@code initial} after a failure, doubling
 * with each failure that follows before the listener was ready again, up to {@code max}.
 */
public record RestartBackoff(Duration initial, Duration max) {

    /** 500 ms doubling up to 30 s: short enough that one hiccup costs little, long enough not to spin on a broken broker. */
    public static final RestartBackoff DEFAULT = new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    public RestartBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("restart backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) <= 0 ? doubled : max;
    }
}
