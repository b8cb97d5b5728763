package com.quantumedge.supervisor.bench.sink;

/**
 * Rows stored over time during a catch-up, to tell the sustained rate from the start-up (group
 * join, first batch read before anything can be inserted): rows/s from the first sample that saw
 * rows to the last sample.
 */
final class Progress {

    private long firstNanos = -1;
    private long firstRows;
    private long lastNanos;
    private long lastRows;

    void saw(long stored) {
        long now = System.nanoTime();
        if (firstNanos < 0 && stored > 0) {
            firstNanos = now;
            firstRows = stored;
        }
        lastNanos = now;
        lastRows = stored;
    }

    /** NaN when every row arrived with the first batch seen. */
    double sustainedRowsPerSecond() {
        if (firstNanos < 0 || lastNanos <= firstNanos) {
            return Double.NaN;
        }
        return (lastRows - firstRows) / ((lastNanos - firstNanos) / 1e9);
    }
}
