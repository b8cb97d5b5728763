package com.quantumedge.supervisor.clickhouse.query;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;

/** Event ids already stored for one source ("topic") and bot: what {@code ./supervisor import-legacy} skips. */
public final class StoredEventIds {

    private StoredEventIds() {
    }

    public static Set<String> of(ClickHouse clickHouse, String database, TableLayout layout, String topic, String botId) {
        Set<String> ids = new HashSet<>();
        for (List<String> row : clickHouse.query("SELECT DISTINCT event_id FROM %s WHERE kafka_topic = %s AND bot_id = %s"
                .formatted(layout.qualified(database), ClickHouse.quote(topic), ClickHouse.quote(botId)))) {
            ids.add(row.get(0));
        }
        return ids;
    }
}
