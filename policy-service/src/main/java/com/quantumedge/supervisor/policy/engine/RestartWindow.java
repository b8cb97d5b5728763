package com.quantumedge.supervisor.policy.engine;

import java.util.List;

/** A sliding window of restart times: only those later than {@code now - window} count. */
final class RestartWindow {

    private RestartWindow() {
    }

    static void prune(List<Long> times, long nowMs, long windowMs) {
        times.removeIf(t -> t <= nowMs - windowMs);
    }
}
