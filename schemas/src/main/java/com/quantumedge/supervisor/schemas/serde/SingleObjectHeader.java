package com.quantumedge.supervisor.schemas.serde;

import java.security.NoSuchAlgorithmException;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The 10 bytes Avro single-object encoding puts before the body: marker {@code C3 01} and the
 * CRC-64-AVRO fingerprint of the writer schema, as Avro's {@code BinaryMessageEncoder} writes them.
 */
final class SingleObjectHeader {

    private SingleObjectHeader() {
    }

    static byte[] of(Schema schema) {
        try {
            byte[] fingerprint = SchemaNormalization.parsingFingerprint("CRC-64-AVRO", schema);
            byte[] header = new byte[2 + fingerprint.length];
            header[0] = (byte) 0xC3;
            header[1] = (byte) 0x01;
            System.arraycopy(fingerprint, 0, header, 2, fingerprint.length);
            return header;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean starts(byte[] bytes, byte[] header) {
        if (bytes == null || bytes.length < header.length) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            if (bytes[i] != header[i]) {
                return false;
            }
        }
        return true;
    }
}
