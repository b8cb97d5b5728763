package com.quantumedge.supervisor.schemas.history;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** One version of one record schema, with the CRC-64-AVRO fingerprint that single-object encoding writes. */
public record SchemaVersion(String recordName, int version, Schema schema, boolean current) {

    public long fingerprint() {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    public String label() {
        return recordName + " v" + version + (current ? " (current)" : "");
    }
}
