package com.quantumedge.supervisor.clickhouse.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;

/**
 * Reads the sink's status without asking the sink process: progress from the {@code sink_batches}
 * table it writes after every batch, lag from the group's committed offsets against the end
 * offsets of the topics it reads. For the gateway's {@code /api/v1/tsdb/status}.
 */
public final class TsdbStatusReader {

    private final boolean enabled;
    private final ClickHouse clickHouse;
    private final String db;
    private final Admin admin;
    private final String groupId;
    private final List<String> topics;
    private final int partitions;

    /**
     * @param clickHouse null when the sink is disabled
     * @param admin      Kafka admin client of the caller; not closed here
     * @param topics     the topics the sink reads (e.g. {@code TableLayouts.topics()})
     */
    public TsdbStatusReader(boolean enabled, ClickHouse clickHouse, String database, Admin admin, String groupId,
            List<String> topics, int partitionsPerTopic) {
        this.enabled = enabled;
        this.clickHouse = clickHouse;
        this.db = database;
        this.admin = admin;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.partitions = partitionsPerTopic;
    }

    public TsdbStatus status() {
        if (!enabled || clickHouse == null) {
            return new TsdbStatus(false, false, null, db, null, null, 0, 0, "tsdb sink disabled");
        }
        List<String> errors = new ArrayList<>();
        boolean reachable = clickHouse.ping();
        String version = null;
        Long lastWrite = null;
        long rows = 0;
        long batches = 0;
        if (reachable) {
            try {
                version = clickHouse.version().text();
                List<String> r = clickHouse.query("SELECT max(batch_ms), sum(rows), count() FROM %s.%s"
                        .formatted(db, Migrator.PROGRESS_TABLE)).get(0);
                batches = Long.parseLong(r.get(2));
                rows = Long.parseLong(r.get(1));
                lastWrite = batches == 0 ? null : Long.parseLong(r.get(0));
            } catch (RuntimeException e) {
                errors.add("progress: " + e.getMessage());
            }
        } else {
            errors.add("ClickHouse did not answer a ping");
        }
        Long lag = null;
        try {
            lag = consumerLag();
        } catch (Exception e) {
            errors.add("lag: " + e.getMessage());
        }
        return new TsdbStatus(true, reachable, version, db, lag, lastWrite, rows, batches,
                errors.isEmpty() ? null : String.join("; ", errors));
    }

    /** Sum over every partition read of end offset minus committed offset (or minus the start when none). */
    public long consumerLag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (String t : topics) {
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(t, p), OffsetSpec.latest());
                earliest.put(new TopicPartition(t, p), OffsetSpec.earliest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long from = c != null ? c.offset() : starts.get(e.getKey()).offset();
            lag += Math.max(0, e.getValue().offset() - from);
        }
        return lag;
    }
}
