package com.quantumedge.supervisor.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.history.SchemaHistory;
import com.quantumedge.supervisor.schemas.history.SchemaVersion;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: marker {@code C3 01},
 * the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the binary body.
 * Writes with the current schema; reads every version in {@link SchemaHistory}, resolving it to the
 * current one. Thread-safe: Avro's message encoder and decoder keep per-thread buffers.
 * A null value (tombstone) is passed through as null.
 *
 * <p>Both directions have a fast path for the common case, on every service's hot path: a record is
 * written by its generated encoder into a per-thread buffer (Avro's message encoder goes through the
 * generic writer, boxing and resolving every field, then copies the result twice), and a value of the
 * current schema is read straight from the byte array (the message decoder reads through a stream,
 * one synchronized call per byte). Whatever the fast path cannot handle (older schema versions, bad
 * headers, corrupt bodies, records the generated encoder refuses) takes Avro's message coders, so
 * what is written and which error is raised do not change.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final Schema schema;
    private final SpecificData model;
    private final BinaryMessageEncoder<T> encoder;
    private volatile BinaryMessageDecoder<T> decoder;
    private final byte[] header;
    private final DatumReader<T> currentReader;

    private AvroSerde(Class<T> type) {
        GeneratedClasses.trust();
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.header = SingleObjectHeader.of(schema);
        @SuppressWarnings("unchecked")
        DatumReader<T> reader = (DatumReader<T>) model.createDatumReader(schema, schema);
        this.currentReader = reader;
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return schema;
    }

    public byte[] encode(T value) {
        if (value instanceof SpecificRecordBase generated) {
            byte[] fast = EncodeBuffer.encode(header, generated);
            if (fast != null) {
                return fast;
            }
        }
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a single-object encoded value written with any known version of this record. */
    public T decode(String topic, byte[] data) {
        if (SingleObjectHeader.starts(data, header)) {
            try {
                return currentReader.read(null, DecodeBuffer.over(data, header.length));
            } catch (IOException | RuntimeException e) {
                // Decoded again below, which names what is wrong with it.
            }
        }
        try {
            return decoder().decode(data);
        } catch (BadHeaderException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.BAD_HEADER, topic,
                    "not an Avro single-object encoded " + schema.getName() + " (" + e.getMessage() + ")", e);
        } catch (MissingSchemaException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_FINGERPRINT, topic,
                    "no version of " + schema.getName() + " has this fingerprint (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT_BODY, topic,
                    "body is not a valid " + schema.getName() + " (" + e + ")", e);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : decode(topic, data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the schema comes from the generated class, the history from the classpath.
    }

    @Override
    public void close() {
        // Stateless apart from thread-local buffers; the same instance is shared by many clients.
    }

    private BinaryMessageDecoder<T> decoder() {
        BinaryMessageDecoder<T> d = decoder;
        if (d == null) {
            // Built lazily: the schema history reads the topic catalog, which builds these serdes.
            d = new BinaryMessageDecoder<>(model, schema);
            for (SchemaVersion version : SchemaHistory.get().versions(schema.getName())) {
                d.addSchema(version.schema());
            }
            decoder = d;
        }
        return d;
    }
}
