package com.quantumedge.supervisor.risk.topology;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.quantumedge.supervisor.risk.book.AppliedExecutions;

/** Applied exec ids in a changelogged store: key {@code botId NUL execId}, value {@code tsMs|partition:offset}. */
final class StoredExecutionIds implements AppliedExecutions {

    private final KeyValueStore<String, String> store;

    StoredExecutionIds(KeyValueStore<String, String> store) {
        this.store = store;
    }

    @Override
    public boolean isDuplicate(String botId, String execId, String inputPosition) {
        String seen = store.get(key(botId, execId));
        return seen != null && !seen.substring(seen.indexOf('|') + 1).equals(inputPosition);
    }

    @Override
    public void record(String botId, String execId, String inputPosition, long tsMs) {
        store.put(key(botId, execId), tsMs + "|" + inputPosition);
    }

    /** Forgets exec ids applied at or before {@code cutoffMs} (event time); returns how many. */
    int forgetBefore(long cutoffMs) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                long ts = Long.parseLong(kv.value.substring(0, kv.value.indexOf('|')));
                if (ts <= cutoffMs) {
                    old.add(kv.key);
                }
            }
        }
        old.forEach(store::delete);
        return old.size();
    }

    private static String key(String botId, String execId) {
        return botId + '\u0000' + execId;
    }
}
