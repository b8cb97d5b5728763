package com.quantumedge.supervisor.sink.write;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;

import com.quantumedge.supervisor.clickhouse.schema.Column;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;

/**
 * Turns a Kafka value (Avro single-object encoding) straight into the RowBinary row
 * {@link RowEncoder} would write for it, without decoding it into a record: no record, string or
 * boxed number is created, which is most of the sink's CPU and garbage per row otherwise.
 *
 * <p>Only values written with the table's current schema are taken (older versions need schema
 * resolution), and only those this class reads exactly as Avro's decoder would; anything else is
 * declined, nothing is written, and the caller decodes the value as before, so what gets stored or
 * sent to the DLQ does not depend on which path a value took. One instance per table and thread.
 */
public final class AvroToRowBinary {

    /** How an Avro field is read: what the column writers find in the field's slot. */
    private enum Shape { STRING, ENUM, INT, LONG, FLOAT, DOUBLE, BOOLEAN, JSON }

    private static final int HEADER_LENGTH = 10;

    private final TableLayout layout;
    private final boolean supported;
    private final byte[] header;
    private final byte[] topicUtf8;
    private final Schema.Field[] fields;
    private final Shape[] shapes;
    /** For each field read through a union: the branch index of null, or -1. */
    private final int[] nullBranch;
    private final byte[][][] enumSymbols;
    private final int eventTimeField;
    private final Column[] columns;

    private final AvroCursor in = new AvroCursor();
    private final BinaryJsonText json = new BinaryJsonText();
    private final RowBinary jsonText = new RowBinary(1024);
    private final boolean[] isNull;
    private final long[] number;
    private final int[] start;
    private final int[] length;

    private AvroToRowBinary(TableLayout layout) {
        this.layout = layout;
        Schema schema = layout.schema();
        List<Schema.Field> fieldList = schema.getFields();
        int n = fieldList.size();
        this.fields = fieldList.toArray(new Schema.Field[0]);
        this.shapes = new Shape[n];
        this.nullBranch = new int[n];
        this.enumSymbols = new byte[n][][];
        this.isNull = new boolean[n];
        this.number = new long[n];
        this.start = new int[n];
        this.length = new int[n];
        this.columns = layout.columns().toArray(new Column[0]);
        this.topicUtf8 = layout.topic().name().getBytes(StandardCharsets.UTF_8);
        this.header = header(schema);
        Schema.Field ts = schema.getField("ts_ms");
        this.eventTimeField = ts == null ? -1 : ts.pos();
        boolean ok = ts != null && ts.schema().getType() == Schema.Type.LONG && plainEnough(schema, new HashSet<>());
        for (int i = 0; i < n && ok; i++) {
            ok = plan(i);
        }
        for (int c = 0; c < columns.length && ok; c++) {
            ok = fits(columns[c]);
        }
        this.supported = ok;
    }

    public static AvroToRowBinary of(TableLayout layout) {
        return new AvroToRowBinary(layout);
    }

    /** False when no value of this table is ever taken (its schema has something only the decoder handles). */
    public boolean supported() {
        return supported;
    }

    /**
     * Appends the row of {@code length} bytes of {@code value} from {@code offset} and returns true,
     * or returns false having appended nothing: then decode it and use {@link RowEncoder}.
     */
    public boolean tryAppend(byte[] value, int offset, int length, int partition, long kafkaOffset, long ingestedAtMs,
            RowBinary out) {
        if (!supported || length < HEADER_LENGTH || !hasHeader(value, offset)) {
            return false;
        }
        in.reset(value, offset + HEADER_LENGTH, length - HEADER_LENGTH);
        jsonText.reset();
        int mark = out.size();
        try {
            for (int i = 0; i < fields.length; i++) {
                read(i);
            }
            for (Column c : columns) {
                write(c, partition, kafkaOffset, ingestedAtMs, out);
            }
            return true;
        } catch (AvroCursor.NotHandled e) {
            out.truncate(mark);
            return false;
        }
    }

    private boolean hasHeader(byte[] value, int offset) {
        for (int i = 0; i < HEADER_LENGTH; i++) {
            if (value[offset + i] != header[i]) {
                return false;
            }
        }
        return true;
    }

    private void read(int f) {
        Schema s = fields[f].schema();
        isNull[f] = false;
        if (s.getType() == Schema.Type.UNION && shapes[f] != Shape.JSON) {
            int branch = in.readIndex(s.getTypes().size());
            if (branch == nullBranch[f]) {
                isNull[f] = true;
                return;
            }
        }
        switch (shapes[f]) {
            case STRING -> {
                length[f] = in.readStringLength();
                start[f] = in.pos;
                in.skip(length[f]);
            }
            case ENUM -> number[f] = in.readIndex(enumSymbols[f].length);
            case INT -> number[f] = in.readInt();
            case LONG -> number[f] = in.readLong();
            case FLOAT -> number[f] = in.readFixed32();
            case DOUBLE -> number[f] = in.readFixed64();
            case BOOLEAN -> number[f] = in.readByte() == 1 ? 1 : 0;
            case JSON -> {
                start[f] = jsonText.size();
                json.write(s, in, jsonText);
                length[f] = jsonText.size() - start[f];
            }
        }
    }

    private void write(Column c, int partition, long kafkaOffset, long ingestedAtMs, RowBinary out) {
        switch (c.source()) {
            case FIELD -> writeField(c, out);
            case EVENT_TIME -> out.writeDateTime(number[eventTimeField]);
            case KAFKA_TOPIC -> out.writeString(topicUtf8, 0, topicUtf8.length);
            case KAFKA_PARTITION -> out.writeInt32(partition);
            case KAFKA_OFFSET -> out.writeInt64(kafkaOffset);
            case INGESTED_AT -> out.writeDateTime(ingestedAtMs);
        }
    }

    private void writeField(Column c, RowBinary out) {
        int f = c.fieldPos();
        if (c.nullable()) {
            out.writePresent(!isNull[f]);
            if (isNull[f]) {
                return;
            }
        } else if (isNull[f]) {
            // RowEncoder refuses it, naming the column: the decoder path sends it to the DLQ.
            throw AvroCursor.NotHandled.INSTANCE;
        }
        switch (shapes[f]) {
            case STRING -> out.writeString(in.in, start[f], length[f]);
            case ENUM -> {
                byte[] symbol = enumSymbols[f][(int) number[f]];
                out.writeString(symbol, 0, symbol.length);
            }
            case INT -> out.writeInt32((int) number[f]);
            case LONG -> out.writeInt64(number[f]);
            // Through float and double and back, as the decoded value goes: the same bits on any JVM.
            case FLOAT -> out.writeFloat32(Float.intBitsToFloat((int) number[f]));
            case DOUBLE -> out.writeFloat64(Double.longBitsToDouble(number[f]));
            case BOOLEAN -> out.writeUInt8((int) number[f]);
            case JSON -> out.writeString(jsonText.array(), start[f], length[f]);
        }
    }

    /** The field's shape, as {@link TableLayout} typed its column; false when it is not one this class reads. */
    private boolean plan(int f) {
        Schema s = fields[f].schema();
        nullBranch[f] = -1;
        Schema value = s;
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> branches = s.getTypes();
            List<Schema> nonNull = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
            if (nonNull.size() != 1 || !primitive(nonNull.get(0))) {
                shapes[f] = Shape.JSON;
                return true;
            }
            for (int b = 0; b < branches.size(); b++) {
                if (branches.get(b).getType() == Schema.Type.NULL) {
                    nullBranch[f] = b;
                }
            }
            value = nonNull.get(0);
        }
        shapes[f] = switch (value.getType()) {
            case STRING -> Shape.STRING;
            case ENUM -> Shape.ENUM;
            case INT -> Shape.INT;
            case LONG -> Shape.LONG;
            case FLOAT -> Shape.FLOAT;
            case DOUBLE -> Shape.DOUBLE;
            case BOOLEAN -> Shape.BOOLEAN;
            default -> Shape.JSON;
        };
        if (shapes[f] == Shape.ENUM) {
            enumSymbols[f] = value.getEnumSymbols().stream().map(sym -> sym.getBytes(StandardCharsets.UTF_8))
                    .toArray(byte[][]::new);
        }
        return true;
    }

    private static boolean primitive(Schema s) {
        return switch (s.getType()) {
            case STRING, ENUM, INT, LONG, FLOAT, DOUBLE, BOOLEAN -> true;
            default -> false;
        };
    }

    /** The column reads its field the way RowEncoder would write the decoded value. */
    private boolean fits(Column c) {
        if (c.source() != Column.Source.FIELD) {
            return true;
        }
        Shape shape = shapes[c.fieldPos()];
        return switch (c.kind()) {
            case STRING -> shape == Shape.STRING || shape == Shape.ENUM;
            case INT32 -> shape == Shape.INT;
            case INT64 -> shape == Shape.LONG;
            case FLOAT32 -> shape == Shape.FLOAT;
            case FLOAT64 -> shape == Shape.DOUBLE;
            case BOOL -> shape == Shape.BOOLEAN;
            case JSON -> shape == Shape.JSON;
            case DATETIME -> false;
        };
    }

    /**
     * No logical types (decoded as objects whose text differs), no bytes or fixed, and enums whose
     * generated constants are named as their symbols (the decoded value's text is the constant's name).
     */
    private static boolean plainEnough(Schema s, Set<Schema> seen) {
        if (!seen.add(s)) {
            return true;
        }
        if (s.getLogicalType() != null || s.getProp("java-class") != null) {
            return false;
        }
        return switch (s.getType()) {
            case BYTES, FIXED -> false;
            case ENUM -> enumNamedAsSymbols(s);
            case ARRAY -> plainEnough(s.getElementType(), seen);
            case MAP -> plainEnough(s.getValueType(), seen);
            case UNION -> s.getTypes().stream().allMatch(b -> plainEnough(b, seen));
            case RECORD -> s.getFields().stream().allMatch(f -> plainEnough(f.schema(), seen));
            default -> true;
        };
    }

    private static boolean enumNamedAsSymbols(Schema s) {
        Class<?> type;
        try {
            type = SpecificData.get().getClass(s);
        } catch (RuntimeException e) {
            return false;
        }
        if (type == null || !type.isEnum()) {
            // Decoded as a GenericEnumSymbol, whose text is the symbol.
            return true;
        }
        Object[] constants = type.getEnumConstants();
        List<String> symbols = s.getEnumSymbols();
        if (constants.length != symbols.size()) {
            return false;
        }
        for (int i = 0; i < constants.length; i++) {
            if (!((Enum<?>) constants[i]).name().equals(symbols.get(i)) || !constants[i].toString().equals(symbols.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Single-object encoding: marker C3 01, then the schema's CRC-64-AVRO fingerprint, little-endian. */
    private static byte[] header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] h = new byte[HEADER_LENGTH];
        h[0] = (byte) 0xC3;
        h[1] = 0x01;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return h;
    }

    public TableLayout layout() {
        return layout;
    }
}
