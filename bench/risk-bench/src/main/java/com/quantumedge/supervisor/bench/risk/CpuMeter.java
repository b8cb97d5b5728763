package com.quantumedge.supervisor.bench.risk;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * CPU of this JVM (broker, risk-stream, gateway and the Java clients; not wrk) between two points,
 * in total and per thread group, plus GC and JIT time. CPU per check is much less sensitive to what
 * else runs on the machine than rates and latencies are.
 */
final class CpuMeter {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    record Snapshot(long wallNanos, long processCpuNanos, Map<Long, String> names, Map<Long, Long> threadCpuNanos,
            long gcCount, long gcMillis, long jitMillis, Map<String, Long> brokerRequests) {
    }

    record Usage(double seconds, long processCpuNanos, Map<String, Long> byGroup, long gcCount, long gcMillis, long jitMillis,
            Map<String, Long> brokerRequests) {

        double cpuMicrosPer(long checks) {
            return checks == 0 ? Double.NaN : processCpuNanos / 1e3 / checks;
        }

        /** Busiest thread groups first, as microseconds per check; "VM (GC, JIT, ...)" is process CPU not seen in Java threads. */
        String breakdown(long checks, int top) {
            StringBuilder sb = new StringBuilder();
            long javaThreads = 0;
            int shown = 0;
            long rest = 0;
            for (Map.Entry<String, Long> e : byGroup.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
                javaThreads += e.getValue();
                if (shown++ < top) {
                    sb.append(String.format("%n    %8.1f us  %s", e.getValue() / 1e3 / checks, e.getKey()));
                } else {
                    rest += e.getValue();
                }
            }
            sb.append(String.format("%n    %8.1f us  (other Java threads)", rest / 1e3 / checks));
            sb.append(String.format("%n    %8.1f us  VM threads (GC, JIT compiler, ...)", (processCpuNanos - javaThreads) / 1e3 / checks));
            sb.append(String.format("%n    broker per check:"));
            brokerRequests.entrySet().stream().filter(e -> e.getValue() * 100 >= checks)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> sb.append(String.format(" %s %.2f", e.getKey(), e.getValue() / (double) checks)));
            return sb.toString();
        }
    }

    private CpuMeter() {
    }

    static Snapshot snapshot() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> times = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            var info = threads.getThreadInfo(ids[i]);
            if (info != null && cpu[i] >= 0) {
                names.put(ids[i], info.getThreadName());
                times.put(ids[i], cpu[i]);
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshot(System.nanoTime(), processCpuNanos(), names, times, gcCount, gcMillis,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), brokerRequests());
    }

    static Usage between(Snapshot a, Snapshot b) {
        Map<String, Long> groups = new TreeMap<>();
        for (Map.Entry<Long, Long> e : b.threadCpuNanos().entrySet()) {
            long before = a.threadCpuNanos().getOrDefault(e.getKey(), 0L);
            groups.merge(group(b.names().get(e.getKey())), e.getValue() - before, Long::sum);
        }
        Map<String, Long> requests = new TreeMap<>();
        b.brokerRequests().forEach((type, count) -> requests.put(type, count - a.brokerRequests().getOrDefault(type, 0L)));
        return new Usage((b.wallNanos() - a.wallNanos()) / 1e9, b.processCpuNanos() - a.processCpuNanos(),
                new LinkedHashMap<>(groups), b.gcCount() - a.gcCount(), b.gcMillis() - a.gcMillis(), b.jitMillis() - a.jitMillis(),
                requests);
    }

    /**
     * Requests the in-process broker has handled so far, by type (Produce, Fetch, ...), from its
     * {@code kafka.network:type=RequestMetrics,name=RequestsPerSec} meters (one per API version), and the
     * bytes it has appended ({@code BytesIn}) and served to consumers ({@code BytesOut}).
     */
    static Map<String, Long> brokerRequests() {
        Map<String, Long> counts = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                Object count = server.getAttribute(name, "Count");
                if (count instanceof Number n) {
                    counts.merge(name.getKeyProperty("request"), n.longValue(), Long::sum);
                }
            }
            for (String meter : new String[] {"BytesInPerSec", "BytesOutPerSec"}) {
                if (server.getAttribute(new ObjectName("kafka.server:type=BrokerTopicMetrics,name=" + meter), "Count") instanceof Number n) {
                    counts.put(meter.replace("PerSec", ""), n.longValue());
                }
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the broker's request meters", e);
        }
        return counts;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Thread names with ids and numbers folded, so a pool is one group. */
    static String group(String name) {
        return DIGITS.matcher(UUID.matcher(name).replaceAll("*")).replaceAll("#");
    }
}
