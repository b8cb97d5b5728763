package com.quantumedge.supervisor.sink.write;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * The same compact JSON text {@link JsonText} makes of a decoded nested value, made straight from
 * the Avro binary. Maps of two or more entries are left to the decoder: {@link JsonText} writes
 * them in the decoded map's hash order, which only the decoded map knows.
 */
final class BinaryJsonText {

    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] HEX = bytes("0123456789abcdef");

    /** Quoted enum symbols and {@code "name":} prefixes of record fields, by schema, built once. */
    private final Map<Schema, byte[][]> quoted = new IdentityHashMap<>();

    /** Appends the JSON of one value of {@code schema} read from {@code in} to {@code out}. */
    void write(Schema schema, AvroCursor in, RowBinary out) {
        switch (schema.getType()) {
            case NULL -> raw(out, NULL);
            case BOOLEAN -> raw(out, in.readByte() == 1 ? TRUE : FALSE);
            case INT -> ascii(out, Integer.toString(in.readInt()));
            case LONG -> ascii(out, Long.toString(in.readLong()));
            case FLOAT -> {
                float f = Float.intBitsToFloat(in.readFixed32());
                ascii(out, Float.isNaN(f) || Float.isInfinite(f) ? "null" : Float.toString(f));
            }
            case DOUBLE -> {
                double d = Double.longBitsToDouble(in.readFixed64());
                ascii(out, Double.isNaN(d) || Double.isInfinite(d) ? "null" : Double.toString(d));
            }
            case STRING -> {
                int n = in.readStringLength();
                quote(out, in.in, in.pos, n);
                in.skip(n);
            }
            case ENUM -> raw(out, quoted(schema)[in.readIndex(schema.getEnumSymbols().size())]);
            case ARRAY -> array(schema.getElementType(), in, out);
            case MAP -> map(schema.getValueType(), in, out);
            case RECORD -> record(schema, in, out);
            case UNION -> write(schema.getTypes().get(in.readIndex(schema.getTypes().size())), in, out);
            default -> throw AvroCursor.NotHandled.INSTANCE;
        }
    }

    private void array(Schema items, AvroCursor in, RowBinary out) {
        out.writeUInt8('[');
        boolean first = true;
        for (long n = in.readBlockCount(); n > 0; n = in.readBlockCount()) {
            for (long i = 0; i < n; i++) {
                if (!first) {
                    out.writeUInt8(',');
                }
                first = false;
                write(items, in, out);
            }
        }
        out.writeUInt8(']');
    }

    private void map(Schema values, AvroCursor in, RowBinary out) {
        out.writeUInt8('{');
        long entries = 0;
        for (long n = in.readBlockCount(); n > 0; n = in.readBlockCount()) {
            entries += n;
            if (entries > 1) {
                throw AvroCursor.NotHandled.INSTANCE;
            }
            int keyLength = in.readStringLength();
            quote(out, in.in, in.pos, keyLength);
            in.skip(keyLength);
            out.writeUInt8(':');
            write(values, in, out);
        }
        out.writeUInt8('}');
    }

    private void record(Schema schema, AvroCursor in, RowBinary out) {
        byte[][] names = quoted(schema);
        List<Schema.Field> fields = schema.getFields();
        out.writeUInt8('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.writeUInt8(',');
            }
            raw(out, names[i]);
            write(fields.get(i).schema(), in, out);
        }
        out.writeUInt8('}');
    }

    private byte[][] quoted(Schema schema) {
        return quoted.computeIfAbsent(schema, s -> {
            List<String> names = s.getType() == Schema.Type.ENUM ? s.getEnumSymbols()
                    : s.getFields().stream().map(f -> f.name()).toList();
            byte[][] out = new byte[names.size()][];
            for (int i = 0; i < out.length; i++) {
                RowBinary b = new RowBinary(64);
                byte[] name = bytes(names.get(i));
                quote(b, name, 0, name.length);
                if (s.getType() == Schema.Type.RECORD) {
                    b.writeUInt8(':');
                }
                out[i] = java.util.Arrays.copyOf(b.array(), b.size());
            }
            return out;
        });
    }

    /** JsonText's escaping, applied to UTF-8 bytes: every byte it escapes is ASCII, never part of a longer character. */
    private static void quote(RowBinary out, byte[] utf8, int offset, int length) {
        out.writeUInt8('"');
        int run = offset;
        int stop = offset + length;
        for (int i = offset; i < stop; i++) {
            int c = utf8[i] & 0xFF;
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.writeRaw(utf8, run, i - run);
            run = i + 1;
            out.writeUInt8('\\');
            switch (c) {
                case '"' -> out.writeUInt8('"');
                case '\\' -> out.writeUInt8('\\');
                case '\n' -> out.writeUInt8('n');
                case '\r' -> out.writeUInt8('r');
                case '\t' -> out.writeUInt8('t');
                default -> {
                    out.writeUInt8('u');
                    out.writeUInt8('0');
                    out.writeUInt8('0');
                    out.writeUInt8(HEX[c >> 4]);
                    out.writeUInt8(HEX[c & 0xF]);
                }
            }
        }
        out.writeRaw(utf8, run, stop - run);
        out.writeUInt8('"');
    }

    private static void raw(RowBinary out, byte[] bytes) {
        out.writeRaw(bytes, 0, bytes.length);
    }

    private static void ascii(RowBinary out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.writeUInt8(s.charAt(i));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
