package com.quantumedge.supervisor.bench.gatewayload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used by this JVM's finished and reaped child processes (wrk), from {@code /proc/self/stat}
 * (cutime + cstime, in clock ticks of 1/100 s on Linux).
 */
final class ChildCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private ChildCpu() {
    }

    static long reapedChildrenNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): cutime is field 16, cstime field 17.
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
