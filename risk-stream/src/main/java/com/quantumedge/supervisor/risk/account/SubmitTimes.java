package com.quantumedge.supervisor.risk.account;

import java.util.Arrays;

/** Event times of recently allowed orders, oldest first, for the submit-rate throttle. */
public final class SubmitTimes {

    private long[] times = new long[16];
    private int size;

    public int size() {
        return size;
    }

    public long get(int i) {
        return times[i];
    }

    /** Number of submits with event time in (nowMs - windowMs, nowMs]. */
    public int countSince(long fromExclusiveMs) {
        int n = 0;
        for (int i = size - 1; i >= 0 && times[i] > fromExclusiveMs; i--) {
            n++;
        }
        return n;
    }

    public void add(long tsMs) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = tsMs;
    }

    /** Forgets submits at or before {@code cutoffMs}, and keeps at most {@code max} of the newest. */
    public void prune(long cutoffMs, int max) {
        int drop = 0;
        while (drop < size && times[drop] <= cutoffMs) {
            drop++;
        }
        drop = Math.max(drop, size - Math.max(max, 0));
        if (drop > 0) {
            System.arraycopy(times, drop, times, 0, size - drop);
            size -= drop;
        }
    }
}
