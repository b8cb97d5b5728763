package com.quantumedge.supervisor.clickhouse.schema;

/**
 * One column of a raw table: its name, its value kind, whether it may be null, where its value
 * comes from (an Avro field by position, for the event time the {@code ts_ms} field's, or the
 * Kafka record around it) and whether it is a small set of repeated strings (worth
 * {@code LowCardinality} on servers that have it).
 */
public record Column(String name, Kind kind, boolean nullable, Source source, int fieldPos, boolean lowCardinality) {

    public enum Kind { STRING, INT32, INT64, FLOAT32, FLOAT64, BOOL, JSON, DATETIME }

    /** Where the value comes from. */
    public enum Source { FIELD, EVENT_TIME, KAFKA_TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, INGESTED_AT }

    public static Column field(String name, Kind kind, boolean nullable, int pos, boolean lowCardinality) {
        return new Column(name, kind, nullable, Source.FIELD, pos, lowCardinality);
    }

    public static Column derived(String name, Kind kind, Source source, boolean lowCardinality) {
        return new Column(name, kind, false, source, -1, lowCardinality);
    }

    /** The ClickHouse type on a server with or without LowCardinality. */
    public String type(boolean withLowCardinality) {
        String base = switch (kind) {
            case STRING, JSON -> "String";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case BOOL -> "UInt8";
            case DATETIME -> "DateTime";
        };
        String t = nullable ? "Nullable(" + base + ")" : base;
        return withLowCardinality && lowCardinality && kind == Kind.STRING ? "LowCardinality(" + t + ")" : t;
    }

    public String quotedName() {
        return "`" + name + "`";
    }
}
