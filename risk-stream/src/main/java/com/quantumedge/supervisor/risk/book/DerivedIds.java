package com.quantumedge.supervisor.risk.book;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The id {@code UUID.nameUUIDFromBytes((inputEventId + "|" + what).getBytes(UTF_8)).toString()}, byte for
 * byte (replays compare ids), at a fraction of its cost: {@code nameUUIDFromBytes} looks up a new MD5
 * digest through the security providers on every call, which dominated what a decision allocated. Each
 * thread keeps one digest and one input buffer; the two parts are encoded straight into the buffer.
 */
final class DerivedIds {

    private static final ThreadLocal<DerivedIds> PER_THREAD = ThreadLocal.withInitial(DerivedIds::new);
    private static final int MD5_BYTES = 16;

    private final MessageDigest md5;
    private final byte[] digest = new byte[MD5_BYTES];
    private byte[] input = new byte[128];

    private DerivedIds() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e);
        }
    }

    static String derivedId(String inputEventId, String what) {
        return PER_THREAD.get().nameUuid(String.valueOf(inputEventId), String.valueOf(what));
    }

    private String nameUuid(String first, String second) {
        int length = put(first, 0);
        length = put("|", length);
        length = put(second, length);
        md5.update(input, 0, length);
        try {
            md5.digest(digest, 0, MD5_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        // Version 3 (name-based, MD5) and the IETF variant, as UUID.nameUUIDFromBytes sets them.
        digest[6] = (byte) ((digest[6] & 0x0f) | 0x30);
        digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
        return new UUID(bigEndianLong(0), bigEndianLong(8)).toString();
    }

    /**
     * Appends the UTF-8 form of {@code s}. Encoding the parts one by one equals encoding their
     * concatenation because they are joined by '|': no surrogate pair can straddle a join.
     */
    private int put(String s, int at) {
        int n = s.length();
        ensureRoom(at + n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                ensureRoom(at + utf8.length);
                System.arraycopy(utf8, 0, input, at, utf8.length);
                return at + utf8.length;
            }
            input[at + i] = (byte) c;
        }
        return at + n;
    }

    private void ensureRoom(int bytes) {
        if (input.length < bytes) {
            byte[] bigger = new byte[Math.max(bytes, input.length * 2)];
            System.arraycopy(input, 0, bigger, 0, input.length);
            input = bigger;
        }
    }

    private long bigEndianLong(int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (digest[i] & 0xff);
        }
        return v;
    }
}
