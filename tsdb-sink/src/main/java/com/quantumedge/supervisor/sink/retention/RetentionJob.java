package com.quantumedge.supervisor.sink.retention;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Partitions;
import com.quantumedge.supervisor.clickhouse.schema.Partitions.Partition;

/**
 * Retention for servers without TTL (18.16): drops every partition whose newest possible day is
 * older than the table's retention. Partitions are days ({@code toYYYYMMDD}) or months
 * ({@code toYYYYMM}, whose last day counts). Run on a schedule; idempotent.
 */
public final class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ClickHouse clickHouse;
    private final String db;
    private final int defaultDays;
    private final Map<String, Integer> daysByTable;

    /**
     * @param defaultDays  retention of tables not in {@code daysByTable}; 0 or less keeps them forever
     * @param daysByTable  retention per table name, e.g. {@code ticks -> 1}
     */
    public RetentionJob(ClickHouse clickHouse, String database, int defaultDays, Map<String, Integer> daysByTable) {
        this.clickHouse = clickHouse;
        this.db = database;
        this.defaultDays = defaultDays;
        this.daysByTable = Map.copyOf(daysByTable);
    }

    public int retentionDays(String table) {
        return daysByTable.getOrDefault(table, defaultDays);
    }

    /** Drops expired partitions as of {@code today} (UTC) and returns them as {@code table/partition}. */
    public List<String> run(LocalDate today) {
        List<String> dropped = new ArrayList<>();
        for (Partition partition : Partitions.active(clickHouse, db)) {
            int days = retentionDays(partition.table());
            LocalDate last = lastDay(partition.id());
            if (days <= 0 || last == null || !last.isBefore(today.minusDays(days))) {
                continue;
            }
            Partitions.drop(clickHouse, db, partition);
            dropped.add(partition.table() + "/" + partition.id());
        }
        if (!dropped.isEmpty()) {
            log.info("retention dropped {} partitions in {}: {}", dropped.size(), db, dropped);
        }
        return dropped;
    }

    public List<String> run() {
        return run(LocalDate.now(ZoneOffset.UTC));
    }

    static LocalDate lastDay(String partition) {
        try {
            if (partition.matches("\\d{8}")) {
                return LocalDate.parse(partition, DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (partition.matches("\\d{6}")) {
                LocalDate first = LocalDate.parse(partition + "01", DateTimeFormatter.BASIC_ISO_DATE);
                return first.withDayOfMonth(first.lengthOfMonth());
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }
}
