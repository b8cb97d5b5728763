package com.quantumedge.supervisor.agent.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process and everything it started, with {@link ProcessHandle} only (so it works on
 * Windows, where {@code destroy()} is already forcible): polite termination (SIGTERM on Unix), a
 * grace period, then a forced kill of the whole tree. Descendants are listed before the parent is
 * signalled, because once it dies its children are re-parented and no longer found under it.
 */
public final class ProcessTree {

    /** How a stop ended. */
    public enum Ending {
        /** The process exited within the grace period. */
        TERMINATED,
        /** It was still alive after the grace period and was killed with its descendants. */
        KILLED,
        /** It did not even die from the kill within the wait (an unkillable process). */
        STILL_ALIVE
    }

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private ProcessTree() {
    }

    public static Ending terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> descendants = root.descendants().toList();
        if (!root.isAlive()) {
            killAll(descendants);
            return Ending.TERMINATED;
        }
        root.destroy();
        if (awaitExit(root, grace)) {
            killAll(descendants);
            killAll(root.descendants().toList());
            return Ending.TERMINATED;
        }
        List<ProcessHandle> now = root.descendants().toList();
        killAll(now);
        killAll(descendants);
        root.destroyForcibly();
        return awaitExit(root, KILL_WAIT) ? Ending.KILLED : Ending.STILL_ALIVE;
    }

    /** Forcibly kills a whole tree at once, e.g. a job that overran its timeout. */
    public static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        killAll(descendants);
        awaitExit(root, KILL_WAIT);
    }

    private static void killAll(List<ProcessHandle> processes) {
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
