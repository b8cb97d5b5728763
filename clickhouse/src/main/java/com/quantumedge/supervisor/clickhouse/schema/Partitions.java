package com.quantumedge.supervisor.clickhouse.schema;

import java.util.ArrayList;
import java.util.List;

import com.quantumedge.supervisor.clickhouse.ClickHouse;

/**
 * A database's partitions, for retention on servers without TTL (tsdb-sink's {@code RetentionJob}):
 * which are active, and dropping one.
 */
public final class Partitions {

    /** One active partition: its table and its id as {@code ALTER TABLE … DROP PARTITION} takes it, e.g. {@code 20261206}. */
    public record Partition(String table, String id) {
    }

    private Partitions() {
    }

    /** Active partitions of every table in {@code database}, by table and partition. */
    public static List<Partition> active(ClickHouse clickHouse, String database) {
        List<Partition> partitions = new ArrayList<>();
        for (List<String> row : clickHouse.query("SELECT DISTINCT table, partition FROM system.parts WHERE database = %s AND active ORDER BY table, partition"
                .formatted(ClickHouse.quote(database)))) {
            // A String partition key is shown quoted; the ids here are numbers or tuple().
            partitions.add(new Partition(row.get(0), row.get(1).replace("'", "")));
        }
        return partitions;
    }

    public static void drop(ClickHouse clickHouse, String database, Partition partition) {
        clickHouse.execute("ALTER TABLE %s.%s DROP PARTITION %s".formatted(database, partition.table(), partition.id()));
    }
}
