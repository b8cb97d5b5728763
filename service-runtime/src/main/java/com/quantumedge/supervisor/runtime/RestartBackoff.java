package com.quantumedge.supervisor.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How long whatever died (a listener's consumer, a Streams client, the sink loop) waits before it is
 * replaced: {@code initial} after a failure, doubling with each failure that follows before it was
 * healthy again, up to {@code max}. The one backoff of every supervised component.
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

    /** The wait after one of {@code previous}: doubled, at most {@code max}. */
    public Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) <= 0 ? doubled : max;
    }
}
