package com.quantumedge.supervisor.risk.account;

import java.util.Collection;

/**
 * A bot's open reservations in their stored form, in the book's order, as one run of bytes. The book
 * is stored whole after every input and a bot may hold many open orders; walking every reservation to
 * copy it costs a cache miss or two each on a busy machine, while one run copies at memory speed. Live
 * traffic adds reservations at the end and expires or fills the oldest at the front, which the run
 * follows in place; any other change (a release from the middle, a replacement) marks it stale and the
 * next write rebuilds it from the reservations.
 */
final class StoredReservations {

    private byte[] bytes = new byte[0];
    private int start;
    private int end;
    private boolean stale;

    /** {@code r} was added after every other reservation. */
    void appended(Reservation r) {
        if (!stale) {
            append(r.stored());
        }
    }

    /** {@code r}, the first reservation, was removed. */
    void removedFirst(Reservation r) {
        if (!stale) {
            start += r.stored().length;
            if (start == end) {
                start = 0;
                end = 0;
            }
        }
    }

    /** The reservations changed other than at the ends. */
    void changed() {
        stale = true;
    }

    /** Writes the run, first rebuilding it from {@code inOrder} (the reservations, in the book's order) if it is stale. */
    void writeTo(StateWriter out, Collection<Reservation> inOrder) {
        if (stale) {
            int length = 0;
            for (Reservation r : inOrder) {
                length += r.stored().length;
            }
            bytes = new byte[length];
            start = 0;
            end = 0;
            for (Reservation r : inOrder) {
                append(r.stored());
            }
            stale = false;
        }
        out.writeBytes(bytes, start, end - start);
    }

    private void append(byte[] stored) {
        if (bytes.length - end < stored.length) {
            int live = end - start;
            int needed = live + stored.length;
            if (needed <= bytes.length / 2) {
                System.arraycopy(bytes, start, bytes, 0, live);
            } else {
                byte[] grown = new byte[Math.max(256, 2 * needed)];
                System.arraycopy(bytes, start, grown, 0, live);
                bytes = grown;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(stored, 0, bytes, end, stored.length);
        end += stored.length;
    }
}
