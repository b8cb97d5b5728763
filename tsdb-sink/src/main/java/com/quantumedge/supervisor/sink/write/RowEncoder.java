package com.quantumedge.supervisor.sink.write;

import org.apache.avro.generic.IndexedRecord;

import com.quantumedge.supervisor.clickhouse.schema.Column;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;

/** Writes one decoded record as one RowBinary row of its table, columns in layout order. */
public final class RowEncoder {

    private RowEncoder() {
    }

    /**
     * Appends the row, or nothing when the record does not fit the layout (e.g. a null in a
     * required field); then throws {@link IllegalArgumentException} naming the column.
     */
    public static void append(TableLayout layout, IndexedRecord value, String topic, int partition, long offset,
            long ingestedAtMs, RowBinary out) {
        int mark = out.size();
        try {
            for (Column c : layout.columns()) {
                Object v = switch (c.source()) {
                    case FIELD, EVENT_TIME -> value.get(c.fieldPos());
                    case KAFKA_TOPIC -> topic;
                    case KAFKA_PARTITION -> partition;
                    case KAFKA_OFFSET -> offset;
                    case INGESTED_AT -> ingestedAtMs;
                };
                write(c, v, out);
            }
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void write(Column c, Object v, RowBinary out) {
        if (c.nullable()) {
            out.writePresent(v != null);
            if (v == null) {
                return;
            }
        } else if (v == null && c.kind() != Column.Kind.JSON) {
            throw new IllegalArgumentException("column " + c.name() + " is required but the record has null");
        }
        switch (c.kind()) {
            case STRING -> out.writeString(v.toString());
            case JSON -> out.writeString(JsonText.of(v));
            case INT32 -> out.writeInt32(((Number) v).intValue());
            case INT64 -> out.writeInt64(((Number) v).longValue());
            case FLOAT64 -> out.writeFloat64(((Number) v).doubleValue());
            case FLOAT32 -> out.writeFloat32(((Number) v).floatValue());
            case BOOL -> out.writeBoolean((Boolean) v);
            case DATETIME -> out.writeDateTime(((Number) v).longValue());
        }
    }
}
