package com.quantumedge.supervisor.sink.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.quantumedge.supervisor.clickhouse.StoreDefaults;
import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.ingest.SinkSettings;

/**
 * Settings of the sink, prefix {@code supervisor.tsdb-sink}; each is documented with its default
 * in tsdb-sink/README.md.
 */
@Validated
@ConfigurationProperties("supervisor.tsdb-sink")
public record SinkProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue(StoreDefaults.URL) String clickhouseUrl,
        @NotNull @DefaultValue("default") String clickhouseUser,
        @NotNull @DefaultValue("") String clickhousePassword,
        @NotNull @DefaultValue("30s") Duration clickhouseTimeout,
        @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be a plain identifier")
        @DefaultValue(StoreDefaults.DATABASE) String database,
        @NotBlank @DefaultValue(StoreDefaults.SINK_GROUP_ID) String groupId,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int batchRows,
        @NotNull @DefaultValue("1s") Duration batchDelay,
        @Min(1) @Max(10_000_000) @DefaultValue("200000") int maxBatchRows,
        @NotNull @DefaultValue("16MB") DataSize maxBatchBytes,
        @Min(1) @Max(16) @DefaultValue("2") int writers,
        @NotNull @DefaultValue("200ms") Duration backoffInitial,
        @NotNull @DefaultValue("30s") Duration backoffMax,
        @NotNull @DefaultValue("100ms") Duration pollTimeout,
        @NotNull @DefaultValue(StoreDefaults.NOT_SUNK_TOPIC) Set<String> excludedTopics,
        @Min(0) @DefaultValue("" + StoreDefaults.RETENTION_DAYS) int retentionDays,
        @NotNull @DefaultValue Map<String, Integer> retentionDaysByTable,
        @NotNull @DefaultValue("1h") Duration retentionInterval) {

    /** Ticks are a clock, worth a day at most; other tables keep {@code retentionDays} unless set. */
    public static final Map<String, Integer> DEFAULT_RETENTION_BY_TABLE = Map.of("ticks", 1);

    public SinkProperties {
        if (retentionDaysByTable == null || retentionDaysByTable.isEmpty()) {
            retentionDaysByTable = DEFAULT_RETENTION_BY_TABLE;
        }
    }

    @AssertTrue(message = "max-batch-rows must be at least batch-rows")
    public boolean isMaxBatchRowsAtLeastBatchRows() {
        return maxBatchRows >= batchRows;
    }

    @AssertTrue(message = "max-batch-bytes must be between 64KB and 1GB")
    public boolean isMaxBatchBytesInRange() {
        return maxBatchBytes == null
                || (maxBatchBytes.toBytes() >= 64 * 1024 && maxBatchBytes.toBytes() <= DataSize.ofGigabytes(1).toBytes());
    }

    /** How long the sink waits after a failure: migrations, writes and a dead loop alike. */
    public RestartBackoff backoff() {
        return new RestartBackoff(backoffInitial, backoffMax);
    }

    /** The sink loop's settings; the group id is also the sink id in {@code sink_batches}. */
    public SinkSettings sinkSettings(KafkaClientSettings kafka) {
        return new SinkSettings(kafka, groupId, groupId, database, batchRows, batchDelay, maxBatchRows,
                maxBatchBytes.toBytes(), writers, backoffInitial, backoffMax, pollTimeout);
    }
}
