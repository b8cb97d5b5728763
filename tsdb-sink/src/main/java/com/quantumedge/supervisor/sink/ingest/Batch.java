package com.quantumedge.supervisor.sink.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.sink.write.RowBinary;

/**
 * Rows read since the last commit, per table, with the offsets they end at and the dead letters
 * they produced. Cleared only once every table accepted its rows, every dead letter was acknowledged
 * and the offsets were committed.
 *
 * <p>Filled by the consumer thread, then handed to a writer thread (through an executor, which
 * publishes it) and back (through a queue); never touched by two threads at once.
 */
final class Batch {

    /** The rows of one table; {@code written} once ClickHouse accepted them in this batch. */
    static final class TableRows {
        private static final int INITIAL_BYTES = 64 * 1024;
        final TableLayout layout;
        private final int bufferLimit;
        RowBinary rows;
        int count;
        boolean written;

        TableRows(TableLayout layout, int bufferLimit) {
            this.layout = layout;
            this.bufferLimit = bufferLimit;
            this.rows = new RowBinary(INITIAL_BYTES, bufferLimit);
        }

        /**
         * Keeps the buffer for the next batch (it grew to a batch's size once already) unless it is
         * far larger than this batch needed: a catch-up's buffers are not held for ever after.
         */
        void reset() {
            int used = rows.size();
            if (rows.array().length > (1 << 20) && rows.array().length > 4 * used) {
                rows = new RowBinary(Math.max(INITIAL_BYTES, 2 * used), bufferLimit);
            } else {
                rows.reset();
            }
            count = 0;
            written = false;
        }
    }

    /** A dead letter and the send that is carrying it. */
    record DeadLetterSend(ProducerRecord<byte[], byte[]> record, Future<RecordMetadata> send) {
    }

    private final Map<String, TableRows> tables = new LinkedHashMap<>();
    private final int bufferLimit;
    /** First and next offset read, by partition: updated in place, per record. */
    private final Map<TopicPartition, long[]> offsets = new HashMap<>();
    final List<DeadLetterSend> deadLetters = new ArrayList<>();
    private int rows;
    private long bytes;
    private long startedNanos;
    private long submittedNanos;

    /**
     * {@code maxBytes}: the batch's byte limit; a table's buffer stops growing a little past it (the
     * record that crosses the limit, and a poll read while no writer is free), not at twice it.
     */
    Batch(long maxBytes) {
        this.bufferLimit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + maxBytes / 8);
    }

    TableRows rowsOf(TableLayout layout) {
        TableRows rows = tables.get(layout.table());
        if (rows == null) {
            rows = new TableRows(layout, bufferLimit);
            tables.put(layout.table(), rows);
        }
        return rows;
    }

    /** Counts the row just appended to {@code table}, which grew the batch by {@code rowBytes}. */
    void rowAdded(TableRows table, int rowBytes) {
        table.count++;
        rows++;
        bytes += rowBytes;
    }

    void consumed(TopicPartition tp, long offset) {
        long[] firstAndNext = offsets.get(tp);
        if (firstAndNext == null) {
            if (offsets.isEmpty()) {
                startedNanos = System.nanoTime();
            }
            firstAndNext = new long[] {offset, offset + 1};
            offsets.put(tp, firstAndNext);
        }
        firstAndNext[1] = offset + 1;
    }

    boolean isEmpty() {
        return offsets.isEmpty();
    }

    int rows() {
        return rows;
    }

    /** RowBinary bytes of every table: what the batch holds in memory. */
    long bytes() {
        return bytes;
    }

    long ageNanos() {
        return isEmpty() ? 0 : System.nanoTime() - startedNanos;
    }

    Iterable<TableRows> tables() {
        return tables.values();
    }

    /** Adds this batch's offsets to {@code out}, replacing those of batches read before it. */
    void addOffsetsTo(Map<TopicPartition, OffsetAndMetadata> out) {
        offsets.forEach((tp, o) -> out.put(tp, new OffsetAndMetadata(o[1])));
    }

    void markSubmitted() {
        submittedNanos = System.nanoTime();
    }

    long submittedNanos() {
        return submittedNanos;
    }

    /** The first offset read, by partition: where to re-read from when the batch is dropped. */
    Map<TopicPartition, Long> firstOffsets() {
        Map<TopicPartition, Long> first = new HashMap<>();
        offsets.forEach((tp, o) -> first.put(tp, o[0]));
        return first;
    }

    void clear() {
        for (TableRows t : tables.values()) {
            t.reset();
        }
        offsets.clear();
        deadLetters.clear();
        rows = 0;
        bytes = 0;
    }
}
