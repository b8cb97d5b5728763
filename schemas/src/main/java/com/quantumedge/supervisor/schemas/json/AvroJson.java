package com.quantumedge.supervisor.schemas.json;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plain JSON for Avro records, for CLIs, logs and fixtures: field names as in the schema, unions
 * written as their value (not Avro's {@code {"type": value}} wrapping), enums as strings, missing
 * fields taking the schema default. Not a wire format: topics carry single-object encoded binary.
 */
public final class AvroJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static String toJson(IndexedRecord record) {
        try {
            return MAPPER.writeValueAsString(toNode(record, record.getSchema()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode toNode(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode node = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    node.set(field.name(), toNode(record.get(field.pos()), field.schema()));
                }
                return node;
            }
            case UNION -> {
                int branch = GenericData.get().resolveUnion(schema, value);
                return toNode(value, schema.getTypes().get(branch));
            }
            case ARRAY -> {
                ArrayNode node = NODES.arrayNode();
                for (Object item : (Iterable<?>) value) {
                    node.add(toNode(item, schema.getElementType()));
                }
                return node;
            }
            case MAP -> {
                ObjectNode node = NODES.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    node.set(e.getKey().toString(), toNode(e.getValue(), schema.getValueType()));
                }
                return node;
            }
            case STRING, ENUM -> {
                return NODES.textNode(value.toString());
            }
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case INT -> {
                return NODES.numberNode((Integer) value);
            }
            case LONG -> {
                return NODES.numberNode((Long) value);
            }
            case FLOAT -> {
                return NODES.numberNode((Float) value);
            }
            case DOUBLE -> {
                return NODES.numberNode((Double) value);
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) value);
            }
            case NULL -> {
                return NODES.nullNode();
            }
            default -> throw new AvroTypeException("Unsupported type " + schema.getType());
        }
    }

    /** Parses plain JSON into a generated record; throws {@link AvroTypeException} naming the field on a mismatch. */
    public static <T extends SpecificRecord> T fromJson(String json, Class<T> type) {
        GeneratedClasses.trust();
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        try {
            GenericRecord generic = (GenericRecord) fromNode(MAPPER.readTree(json), schema, schema.getName());
            @SuppressWarnings("unchecked")
            T specific = (T) model.deepCopy(schema, generic);
            return specific;
        } catch (JsonProcessingException e) {
            throw new AvroTypeException("Not JSON: " + e.getOriginalMessage());
        }
    }

    private static Object fromNode(JsonNode node, Schema schema, String path) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!node.isObject()) {
                    throw mismatch(path, "an object", node);
                }
                GenericRecord record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode child = node.get(field.name());
                    if (child == null) {
                        if (!field.hasDefaultValue()) {
                            throw new AvroTypeException(path + "." + field.name() + ": required field missing");
                        }
                        record.put(field.pos(), GenericData.get().getDefaultValue(field));
                    } else {
                        record.put(field.pos(), fromNode(child, field.schema(), path + "." + field.name()));
                    }
                }
                return record;
            }
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() == Schema.Type.NULL ? node.isNull() : !node.isNull()) {
                        if (branch.getType() != Schema.Type.NULL) {
                            try {
                                return fromNode(node, branch, path);
                            } catch (AvroTypeException ignored) {
                                continue;
                            }
                        }
                        return null;
                    }
                }
                throw mismatch(path, schema.toString(), node);
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw mismatch(path, "an array", node);
                }
                List<Object> items = new ArrayList<>();
                int i = 0;
                for (JsonNode item : node) {
                    items.add(fromNode(item, schema.getElementType(), path + "[" + i++ + "]"));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw mismatch(path, "an object", node);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), fromNode(e.getValue(), schema.getValueType(), path + "." + e.getKey()));
                }
                return map;
            }
            case ENUM -> {
                if (!node.isTextual() || !schema.hasEnumSymbol(node.asText())) {
                    throw mismatch(path, "one of " + schema.getEnumSymbols(), node);
                }
                return new GenericData.EnumSymbol(schema, node.asText());
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw mismatch(path, "a string", node);
                }
                return node.asText();
            }
            case BYTES -> {
                if (!node.isTextual()) {
                    throw mismatch(path, "base64 text", node);
                }
                return ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
            }
            case INT -> {
                if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                    throw mismatch(path, "an int", node);
                }
                return node.intValue();
            }
            case LONG -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw mismatch(path, "a long", node);
                }
                return node.longValue();
            }
            case FLOAT -> {
                if (!node.isNumber()) {
                    throw mismatch(path, "a number", node);
                }
                return node.floatValue();
            }
            case DOUBLE -> {
                if (!node.isNumber()) {
                    throw mismatch(path, "a number", node);
                }
                return node.doubleValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw mismatch(path, "a boolean", node);
                }
                return node.booleanValue();
            }
            case NULL -> {
                if (!node.isNull()) {
                    throw mismatch(path, "null", node);
                }
                return null;
            }
            default -> throw new AvroTypeException(path + ": unsupported type " + schema.getType());
        }
    }

    private static AvroTypeException mismatch(String path, String expected, JsonNode actual) {
        return new AvroTypeException(path + ": expected " + expected + ", got " + actual.getNodeType().name().toLowerCase());
    }
}
