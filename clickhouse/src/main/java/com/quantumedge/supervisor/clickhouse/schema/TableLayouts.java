package com.quantumedge.supervisor.clickhouse.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificData;

import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** The raw tables of the topics the sink reads, by topic name. */
public final class TableLayouts {

    private final Map<String, TableLayout> byTopic;

    private TableLayouts(Map<String, TableLayout> byTopic) {
        this.byTopic = byTopic;
    }

    /** Every catalog topic with an Avro value (all but the DLQ) except the excluded ones. */
    public static TableLayouts forCatalog(Set<String> excludedTopics) {
        Map<String, TableLayout> layouts = new LinkedHashMap<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            if (topic.valueType() == byte[].class || excludedTopics.contains(topic.name())) {
                continue;
            }
            layouts.put(topic.name(), TableLayout.of(topic, SpecificData.get().getSchema(topic.valueType())));
        }
        return new TableLayouts(layouts);
    }

    public Optional<TableLayout> forTopic(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    public List<TableLayout> all() {
        return List.copyOf(byTopic.values());
    }

    public List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    /** The layout of every catalog topic, excluded or not: queries may name any table. */
    public static TableLayout of(TopicSpec<?> topic) {
        return TableLayout.of(topic, SpecificData.get().getSchema(topic.valueType()));
    }
}
