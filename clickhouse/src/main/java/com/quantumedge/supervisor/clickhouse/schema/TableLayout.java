package com.quantumedge.supervisor.clickhouse.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;

import com.quantumedge.supervisor.clickhouse.ServerVersion;
import com.quantumedge.supervisor.schemas.TopicSpec;

/**
 * The raw table of one topic, derived from the topic's Avro schema: the common columns first
 * ({@code event_id, bot_id, ts, ts_ms}), then every other field with its own type (nested maps,
 * arrays and records as JSON text), then where the row came from in Kafka. Rows are deduplicated by
 * event id: a redelivered record has the same event id and event time, so it lands on the same
 * sorting key in the same partition and {@code ReplacingMergeTree} keeps one of them.
 */
public record TableLayout(TopicSpec<?> topic, String table, Schema schema, List<Column> columns) {

    /** Enum-like strings and ids of which there are few; LowCardinality on servers that have it. */
    private static final Set<String> LOW_CARDINALITY = Set.of("bot_id", "symbol", "source", "origin", "issued_by",
            "updated_by", "agent_id", "mode", "trading_day", "fee_asset", "check", "version");

    public static TableLayout of(TopicSpec<?> topic, Schema schema) {
        List<Column> columns = new ArrayList<>();
        columns.add(required(schema, "event_id", Column.Kind.STRING, false));
        columns.add(required(schema, "bot_id", Column.Kind.STRING, true));
        Column tsMs = required(schema, "ts_ms", Column.Kind.INT64, false);
        columns.add(new Column("ts", Column.Kind.DATETIME, false, Column.Source.EVENT_TIME, tsMs.fieldPos(), false));
        columns.add(tsMs);
        for (Schema.Field f : schema.getFields()) {
            if (Set.of("event_id", "bot_id", "ts_ms").contains(f.name())) {
                continue;
            }
            columns.add(columnOf(f));
        }
        columns.add(Column.derived("kafka_topic", Column.Kind.STRING, Column.Source.KAFKA_TOPIC, true));
        columns.add(Column.derived("kafka_partition", Column.Kind.INT32, Column.Source.KAFKA_PARTITION, false));
        columns.add(Column.derived("kafka_offset", Column.Kind.INT64, Column.Source.KAFKA_OFFSET, false));
        columns.add(Column.derived("ingested_at", Column.Kind.DATETIME, Column.Source.INGESTED_AT, false));
        return new TableLayout(topic, tableName(topic.name()), schema, List.copyOf(columns));
    }

    /** {@code qe.order-requests.v1} becomes {@code order_requests}. */
    public static String tableName(String topicName) {
        String n = topicName.replaceFirst("^(qe|sup)\\.", "").replaceFirst("\\.v\\d+$", "");
        return n.replace('-', '_').replace('.', '_');
    }

    public String qualified(String database) {
        return database + "." + table;
    }

    public String createStatement(String database, ServerVersion server, int retentionDays) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified(database)).append(" (\n");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sql.append("  ").append(c.quotedName()).append(' ').append(c.type(server.supportsLowCardinality()));
            sql.append(i + 1 < columns.size() ? ",\n" : "\n");
        }
        sql.append(") ENGINE = ReplacingMergeTree()\nPARTITION BY toYYYYMMDD(ts)\nORDER BY (bot_id, ts, event_id)");
        if (server.supportsTtl() && retentionDays > 0) {
            sql.append("\nTTL ts + INTERVAL ").append(retentionDays).append(" DAY");
        }
        return sql.toString();
    }

    private static Column required(Schema schema, String name, Column.Kind kind, boolean lowCardinality) {
        Schema.Field f = schema.getField(name);
        if (f == null) {
            throw new IllegalArgumentException(schema.getName() + " has no " + name + " field");
        }
        return Column.field(name, kind, false, f.pos(), lowCardinality);
    }

    private static Column columnOf(Schema.Field f) {
        Schema s = f.schema();
        boolean nullable = false;
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> branches = s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
            nullable = branches.size() < s.getTypes().size();
            s = branches.size() == 1 ? branches.get(0) : null;
        }
        Column.Kind kind = s == null ? Column.Kind.JSON : switch (s.getType()) {
            case STRING, ENUM -> Column.Kind.STRING;
            case INT -> Column.Kind.INT32;
            case LONG -> Column.Kind.INT64;
            case DOUBLE -> Column.Kind.FLOAT64;
            case FLOAT -> Column.Kind.FLOAT32;
            case BOOLEAN -> Column.Kind.BOOL;
            default -> Column.Kind.JSON;
        };
        boolean lowCardinality = (s != null && s.getType() == Schema.Type.ENUM) || LOW_CARDINALITY.contains(f.name());
        // Nested values are written as JSON text; a missing one as "null" text is still one value.
        return Column.field(f.name(), kind, nullable && kind != Column.Kind.JSON, f.pos(), lowCardinality);
    }
}
