package com.quantumedge.supervisor.bench.sink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

import org.apache.avro.generic.IndexedRecord;

import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.sink.write.AvroToRowBinary;
import com.quantumedge.supervisor.sink.write.RowBinary;
import com.quantumedge.supervisor.sink.write.RowEncoder;

/**
 * CPU per row of turning Kafka values (executions) into RowBinary rows, no I/O: decoding into a
 * record and {@link RowEncoder} (the sink's fallback) against {@link AvroToRowBinary} (its usual
 * path). Best of five rounds each, after the JIT has seen both.
 */
final class EncodeCost {

    record Result(double decodedMicrosPerRow, double directMicrosPerRow) {
    }

    private EncodeCost() {
    }

    static Result measure(TableLayout layout, List<byte[]> values) {
        double decoded = Double.MAX_VALUE;
        double direct = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            decoded = Math.min(decoded, cpuPerRow(values, () -> decodeAll(layout, values)));
            direct = Math.min(direct, cpuPerRow(values, () -> directAll(layout, values)));
        }
        System.out.printf(Locale.ROOT, "encode: decode + RowEncoder %.2f us/row, AvroToRowBinary %.2f us/row (CPU, best of 5)%n",
                decoded, direct);
        return new Result(decoded, direct);
    }

    private static double cpuPerRow(List<byte[]> values, Runnable work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        work.run();
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / values.size();
    }

    private static void decodeAll(TableLayout layout, List<byte[]> values) {
        RowBinary out = new RowBinary(4 << 20);
        for (int i = 0; i < values.size(); i++) {
            if (i % 10_000 == 0) {
                out.reset();
            }
            IndexedRecord v = (IndexedRecord) layout.topic().valueSerde().deserializer().deserialize(Topics.EXECUTIONS.name(), values.get(i));
            RowEncoder.append(layout, v, Topics.EXECUTIONS.name(), 0, i, 0, out);
        }
    }

    private static void directAll(TableLayout layout, List<byte[]> values) {
        AvroToRowBinary encoder = AvroToRowBinary.of(layout);
        RowBinary out = new RowBinary(4 << 20);
        for (int i = 0; i < values.size(); i++) {
            if (i % 10_000 == 0) {
                out.reset();
            }
            byte[] v = values.get(i);
            if (!encoder.tryAppend(v, 0, v.length, 0, i, 0, out)) {
                throw new IllegalStateException("an execution was not taken by AvroToRowBinary");
            }
        }
    }
}
