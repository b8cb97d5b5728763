package com.quantumedge.supervisor.bench.sink;

import java.util.Locale;

import com.quantumedge.supervisor.sink.ingest.SinkSettings;

/** What each phase measured, printed as one markdown table at the end of a run. */
final class Results {

    /** Sink catch-up: the whole phase, the rate between 10 % and 90 % of the rows, and {@code count() FINAL}. */
    record CatchUp(CpuUsage.Sample sample, double sustainedRowsPerSecond, long batches, long countFinal) {
    }

    /** Produce-to-queryable times in ms and the number of rows seen. */
    record Latency(double p50, double p99, double max, long rows) {
    }

    private final int records;
    private final int rate;
    EncodeCost.Result encode;
    CpuUsage.Sample insert;
    CpuUsage.Sample insertLarge;
    CatchUp sink;
    CpuUsage.Sample engine;
    Latency latency;

    Results(int records, int rate) {
        this.records = records;
        this.rate = rate;
    }

    void print(String loadAverage) {
        System.out.println("| measurement | rows/s | CPU us/row: JVM (sink threads) + ClickHouse = total | cores busy |");
        System.out.println("| --- | --- | --- | --- |");
        if (encode != null) {
            System.out.printf(Locale.ROOT, "| encode an execution, no I/O: decode + RowEncoder / AvroToRowBinary (CPU) | | %.2f / %.2f | |%n",
                    encode.decodedMicrosPerRow(), encode.directMicrosPerRow());
        }
        if (insert != null) {
            row("raw insert: RowEncoder + RowBinary INSERT, 10k-row batches, one at a time, no Kafka", insert);
        }
        if (insertLarge != null) {
            row("raw insert: sink's batch limits (%,d rows / %d MiB), %d in flight, no Kafka".formatted(
                    SinkSettings.DEFAULT_MAX_BATCH_ROWS, SinkSettings.DEFAULT_MAX_BATCH_BYTES >> 20,
                    SinkSettings.DEFAULT_WRITERS), insertLarge);
        }
        if (sink != null) {
            row("sink catch-up from Kafka, service defaults (%d records in %d batches, count FINAL %d)".formatted(records,
                    sink.batches(), sink.countFinal()), sink.sample());
            System.out.printf(Locale.ROOT, "| sink catch-up, sustained (after the first batch is stored) | %,.0f | | |%n",
                    sink.sustainedRowsPerSecond());
        }
        if (engine != null) {
            row("ClickHouse Kafka engine, JSONEachRow, same records", engine);
        }
        if (sink != null && insert != null) {
            System.out.printf(Locale.ROOT, "| sink / raw insert (10k batches) | %.2f | | |%n",
                    sink.sample().rowsPerSecond() / insert.rowsPerSecond());
        }
        if (sink != null && insertLarge != null) {
            System.out.printf(Locale.ROOT, "| sink / raw insert (sink's batch limits) | %.2f | | |%n",
                    sink.sample().rowsPerSecond() / insertLarge.rowsPerSecond());
        }
        if (sink != null && engine != null) {
            System.out.printf(Locale.ROOT, "| sink / Kafka engine | %.2f | | |%n",
                    sink.sample().rowsPerSecond() / engine.rowsPerSecond());
        }
        if (latency != null) {
            System.out.printf(Locale.ROOT, "| produce -> queryable at %d events/s: p50 / p99 / max | %.0f / %.0f / %.0f ms (%d rows) | | |%n",
                    rate, latency.p50(), latency.p99(), latency.max(), latency.rows());
        }
        System.out.println("| load average at the end (1, 5, 15 min) | " + loadAverage + " | | |");
    }

    private static void row(String what, CpuUsage.Sample s) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f (%.2f) + %.2f = %.2f | %.2f |%n", what, s.rowsPerSecond(),
                s.jvmMicrosPerRow(), s.sinkThreadsMicrosPerRow(), s.clickHouseMicrosPerRow(), s.totalMicrosPerRow(),
                s.coresBusy());
    }
}
