package com.quantumedge.supervisor.sink.ingest;

/** Where a batch's rows of one table go: ClickHouse in the service; tests wrap it to delay or fail inserts. */
@FunctionalInterface
public interface RowInserter {

    /** Inserts {@code length} bytes of RowBinary rows into {@code table} (fully qualified); throws when they are not in. */
    void insert(String table, byte[] rows, int length);
}
