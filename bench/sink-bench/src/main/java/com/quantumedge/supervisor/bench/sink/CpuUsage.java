package com.quantumedge.supervisor.bench.sink;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time used by this JVM (sink, broker and bench driver), by the sink's own threads within it,
 * and by the ClickHouse server process since {@link #start}: on a shared 2-core machine rows/s
 * swings with other load, CPU per row does much less.
 */
final class CpuUsage {

    /** Threads of the sink under test: its loop, its writers and its Kafka clients' threads. */
    private static final Predicate<String> SINK_THREADS = name -> name.contains("tsdb-sink") || name.contains("bench-sink");

    /** Linux reports process times in clock ticks; 100 per second on every kernel config we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private final long clickHousePid;
    private final long wallStart;
    private final long jvmStart;
    private final long clickHouseStart;
    private final Map<Long, Long> sinkThreadsStart;
    private final Map<Long, Long> allThreadsStart;

    private CpuUsage(long clickHousePid) {
        this.clickHousePid = clickHousePid;
        this.wallStart = System.nanoTime();
        this.jvmStart = jvmCpuNanos();
        this.clickHouseStart = processCpuNanos(clickHousePid);
        this.sinkThreadsStart = threadCpu(SINK_THREADS);
        this.allThreadsStart = threadCpu(name -> true);
    }

    static CpuUsage start(long clickHousePid) {
        return new CpuUsage(clickHousePid);
    }

    /** What was used since the start, for {@code rows} rows. */
    Sample stop(long rows) {
        long sink = 0;
        for (Map.Entry<Long, Long> t : threadCpu(SINK_THREADS).entrySet()) {
            sink += t.getValue() - sinkThreadsStart.getOrDefault(t.getKey(), 0L);
        }
        return new Sample(rows, System.nanoTime() - wallStart, jvmCpuNanos() - jvmStart, sink,
                processCpuNanos(clickHousePid) - clickHouseStart);
    }

    /**
     * One measured phase: rows, wall time, CPU time of the JVM, of the sink's threads in it (0 when
     * no sink ran; threads that ended before the end are not counted) and of ClickHouse.
     */
    record Sample(long rows, long wallNanos, long jvmCpuNanos, long sinkThreadsCpuNanos, long clickHouseCpuNanos) {

        double rowsPerSecond() {
            return rows / (wallNanos / 1e9);
        }

        double jvmMicrosPerRow() {
            return jvmCpuNanos / 1e3 / rows;
        }

        double sinkThreadsMicrosPerRow() {
            return sinkThreadsCpuNanos / 1e3 / rows;
        }

        double clickHouseMicrosPerRow() {
            return clickHouseCpuNanos / 1e3 / rows;
        }

        double totalMicrosPerRow() {
            return jvmMicrosPerRow() + clickHouseMicrosPerRow();
        }

        /** Cores kept busy on average: above 2 is impossible here, near 2 means CPU-bound. */
        double coresBusy() {
            return (jvmCpuNanos + clickHouseCpuNanos) / (double) wallNanos;
        }

        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%,d rows in %.2f s = %,.0f rows/s; CPU/row: JVM %.2f us (sink threads %.2f) + ClickHouse %.2f us"
                            + " = %.2f us (%.2f cores busy)",
                    rows, wallNanos / 1e9, rowsPerSecond(), jvmMicrosPerRow(), sinkThreadsMicrosPerRow(),
                    clickHouseMicrosPerRow(), totalMicrosPerRow(), coresBusy());
        }
    }

    /** The 1-, 5- and 15-minute load averages as printed by uptime. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The JVM threads alive now that used the most CPU since the start, grouped by name without digits. */
    String busiestThreads(int top) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = t == null ? -1 : threads.getThreadCpuTime(t.getThreadId());
            if (nanos >= 0) {
                byName.merge(t.getThreadName().replaceAll("\\d+", "N"),
                        nanos - allThreadsStart.getOrDefault(t.getThreadId(), 0L), Long::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "  %8.0f ms  %s%n", e.getValue() / 1e6, e.getKey())));
        return out.toString();
    }

    private static Map<Long, Long> threadCpu(Predicate<String> names) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && names.test(t.getThreadName())) {
                long nanos = threads.getThreadCpuTime(t.getThreadId());
                if (nanos >= 0) {
                    cpu.put(t.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of a process from /proc/<pid>/stat, in nanoseconds; 0 when unreadable. */
    private static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
