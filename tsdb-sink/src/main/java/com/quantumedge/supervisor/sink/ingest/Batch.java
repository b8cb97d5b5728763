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

import com.quantumedge.supervisor.sink.schema.TableLayout;
import com.quantumedge.supervisor.sink.write.RowBinary;

/**
 * Rows read since the last commit, per table, with the offsets they end at and the dead letters
 * they produced. Cleared only once every table accepted its rows, every dead letter was acknowledged
 * and the offsets were committed.
 */
final class Batch {

    /** The rows of one table; {@code written} once ClickHouse accepted them in this batch. */
    static final class TableRows {
        final TableLayout layout;
        final RowBinary rows = new RowBinary(64 * 1024);
        int count;
        boolean written;

        TableRows(TableLayout layout) {
            this.layout = layout;
        }
    }

    /** A dead letter and the send that is carrying it. */
    record DeadLetterSend(ProducerRecord<byte[], byte[]> record, Future<RecordMetadata> send) {
    }

    private final Map<String, TableRows> tables = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    final List<DeadLetterSend> deadLetters = new ArrayList<>();
    private int rows;
    private long startedNanos;

    TableRows rowsOf(TableLayout layout) {
        return tables.computeIfAbsent(layout.table(), t -> new TableRows(layout));
    }

    void rowAdded(TableRows table) {
        table.count++;
        rows++;
    }

    void consumed(TopicPartition tp, long offset) {
        if (nextOffsets.isEmpty()) {
            startedNanos = System.nanoTime();
        }
        firstOffsets.putIfAbsent(tp, offset);
        nextOffsets.put(tp, offset + 1);
    }

    boolean isEmpty() {
        return nextOffsets.isEmpty();
    }

    int rows() {
        return rows;
    }

    boolean due(int maxRows, long maxDelayNanos) {
        return !isEmpty() && (rows >= maxRows || System.nanoTime() - startedNanos >= maxDelayNanos);
    }

    long ageNanos() {
        return isEmpty() ? 0 : System.nanoTime() - startedNanos;
    }

    Iterable<TableRows> tables() {
        return tables.values();
    }

    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        nextOffsets.forEach((tp, o) -> out.put(tp, new OffsetAndMetadata(o)));
        return out;
    }

    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    void clear() {
        // Buffers are kept for the next batch: they have grown to a batch's size once already.
        for (TableRows t : tables.values()) {
            t.rows.reset();
            t.count = 0;
            t.written = false;
        }
        nextOffsets.clear();
        firstOffsets.clear();
        deadLetters.clear();
        rows = 0;
    }
}
