package com.quantumedge.supervisor.clickhouse;

import java.util.Set;

/**
 * Defaults that the sink (which writes the tables), the gateway and the CLI (which read them) must
 * agree on; constants so that configuration records can name them in {@code @DefaultValue}.
 */
public final class StoreDefaults {

    /** Database of every table the sink writes. */
    public static final String DATABASE = "supervisor";

    /** Consumer group of the sink; readers ask Kafka for its lag under this name. */
    public static final String SINK_GROUP_ID = "tsdb-sink";

    /** ClickHouse's HTTP interface on this machine. */
    public static final String URL = "http://127.0.0.1:8123";

    /** Ticks are a synthetic clock, replayed from Kafka, not stored. */
    public static final String NOT_SUNK_TOPIC = "sup.ticks.v1";

    /** Days a row is kept on servers with TTL. */
    public static final int RETENTION_DAYS = 30;

    private StoreDefaults() {
    }

    /** The topics the sink leaves out unless configured otherwise. */
    public static Set<String> notSunkTopics() {
        return Set.of(NOT_SUNK_TOPIC);
    }
}
