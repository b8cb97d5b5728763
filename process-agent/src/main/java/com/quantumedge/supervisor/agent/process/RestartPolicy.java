package com.quantumedge.supervisor.agent.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import com.quantumedge.supervisor.agent.config.RestartSettings;

/**
 * Decides what follows an unexpected exit: restart after an exponential backoff, or give up once
 * {@code startLimitBurst} restarts happened within {@code startLimitInterval}. Pure: time is passed in.
 */
public final class RestartPolicy {

    /** Either a restart after {@code delay} (the {@code attempt}-th of the current crash series) or a failure. */
    public record Decision(boolean restart, Duration delay, int attempt, String reason) {

        static Decision restartAfter(Duration delay, int attempt) {
            return new Decision(true, delay, attempt, "restart #" + attempt + " in " + delay.toMillis() + " ms");
        }

        static Decision fail(String reason) {
            return new Decision(false, Duration.ZERO, 0, reason);
        }
    }

    private final RestartSettings settings;
    private final Deque<Instant> recentRestarts = new ArrayDeque<>();
    private int crashSeries;

    public RestartPolicy(RestartSettings settings) {
        this.settings = settings;
    }

    /**
     * @param now    when the exit was noticed
     * @param ranFor how long the process ran before it exited
     */
    public Decision onUnexpectedExit(Instant now, Duration ranFor) {
        if (ranFor.compareTo(settings.stableAfter()) >= 0) {
            crashSeries = 0;
        }
        Instant windowStart = now.minus(settings.startLimitInterval());
        while (!recentRestarts.isEmpty() && recentRestarts.peekFirst().isBefore(windowStart)) {
            recentRestarts.removeFirst();
        }
        if (recentRestarts.size() >= settings.startLimitBurst()) {
            return Decision.fail("start limit hit: " + recentRestarts.size() + " restarts within "
                    + settings.startLimitInterval().toSeconds() + " s; an operator START is needed");
        }
        crashSeries++;
        recentRestarts.addLast(now);
        return Decision.restartAfter(backoff(crashSeries), crashSeries);
    }

    /** An operator start: forget the crash history. */
    public void reset() {
        recentRestarts.clear();
        crashSeries = 0;
    }

    Duration backoff(int attempt) {
        double millis = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), attempt - 1);
        long capped = (long) Math.min(millis, settings.maxBackoff().toMillis());
        return Duration.ofMillis(capped);
    }
}
