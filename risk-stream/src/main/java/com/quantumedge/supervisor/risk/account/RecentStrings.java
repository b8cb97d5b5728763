package com.quantumedge.supervisor.risk.account;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes of recently encoded String objects, by identity: a fixed-size direct-mapped table, so
 * a lookup is one identity hash and one comparison, and a string seen again is never re-encoded.
 * Strings are immutable, so a hit is always the right bytes. The cached arrays are never handed out
 * for writing.
 */
final class RecentStrings {

    private static final int SLOTS = 256;

    private final String[] strings = new String[SLOTS];
    private final byte[][] utf8 = new byte[SLOTS][];

    byte[] utf8(String s) {
        int slot = System.identityHashCode(s) & (SLOTS - 1);
        if (strings[slot] != s) {
            utf8[slot] = s.getBytes(StandardCharsets.UTF_8);
            strings[slot] = s;
        }
        return utf8[slot];
    }
}
