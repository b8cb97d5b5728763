package com.quantumedge.supervisor.bench.risk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order checks driven by {@code wrk} (Debian package; C, a separate process, closed loop: one request
 * in flight per connection) with {@code order-check.lua}: bots and tokens rotate per request, every
 * answer's decision code is counted. The script prints its own machine-readable summary
 * ({@code RESULT ...}, {@code CODE <code> <n>}) from wrk's exact latency histogram, so nothing depends
 * on wrk's human-readable output. (bench/gateway-load parses that output with a package-private class
 * of its own module; a shared parser would need a shared bench library module.)
 */
final class Wrk implements AutoCloseable {

    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p90_us=(\\d+) "
            + "p99_us=(\\d+) p999_us=(\\d+) max_us=(\\d+) mean_us=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) status=(\\d+) timeout=(\\d+)");
    private static final Pattern CODE = Pattern.compile("(?m)^CODE (\\S+) (\\d+)$");

    record Result(String name, int connections, long requests, double seconds, double p50Ms, double p90Ms, double p99Ms,
            double p999Ms, double maxMs, long socketErrors, Map<String, Long> codes, double meanMs) {

        double perSecond() {
            return requests / seconds;
        }

        long notOk() {
            return codes.entrySet().stream().filter(e -> !e.getKey().equals("OK")).mapToLong(Map.Entry::getValue).sum() + socketErrors;
        }

        @Override
        public String toString() {
            return String.format("%-34s %4d conns %8d checks %8.0f /s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  "
                    + "max %7.2f ms  socket errors %d  answers %s", name, connections, requests, perSecond(), p50Ms, p90Ms, p99Ms,
                    p999Ms, maxMs, socketErrors, codes);
        }
    }

    private final Path script;
    private final Path botsFile;
    private final String url;

    /** @param bots bot id and token of each bot the requests rotate over */
    Wrk(Path workDir, String url, List<String[]> bots) throws IOException {
        this.url = url;
        this.script = workDir.resolve("order-check.lua");
        this.botsFile = workDir.resolve("bots.txt");
        try (InputStream in = Wrk.class.getResourceAsStream("/order-check.lua")) {
            Files.write(script, in.readAllBytes());
        }
        StringBuilder sb = new StringBuilder();
        for (String[] bot : bots) {
            sb.append(bot[0]).append(' ').append(bot[1]).append('\n');
        }
        Files.writeString(botsFile, sb);
    }

    Result run(String name, int threads, int connections, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
                "-s", script.toString(), url, "--", botsFile.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher m = RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("wrk failed (exit " + exit + "):\n" + output);
        }
        Map<String, Long> codes = new TreeMap<>();
        Matcher c = CODE.matcher(output);
        while (c.find()) {
            codes.put(c.group(1), Long.parseLong(c.group(2)));
        }
        long socketErrors = 0;
        for (int g = 9; g <= 11; g++) {
            socketErrors += Long.parseLong(m.group(g));
        }
        socketErrors += Long.parseLong(m.group(13));
        return new Result(name, connections, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6, us(m, 3), us(m, 4),
                us(m, 5), us(m, 6), us(m, 7), socketErrors, codes, us(m, 8));
    }

    private static double us(Matcher m, int group) {
        return Long.parseLong(m.group(group)) / 1e3;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(script);
        Files.deleteIfExists(botsFile);
    }
}
