package com.quantumedge.supervisor.policy.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.quantumedge.supervisor.avro.Alert;

/**
 * One {@code DeadLetters} alert per service that dead-letters records (input keyed by
 * {@code dlq.failed.by}, value "reason on topic"): set by the first record, resolved once none came
 * for {@code quietPeriod}. A quiet DLQ has no records to advance stream time, so the quiet period
 * is measured by a wall-clock punctuation against the records' timestamps: the only wall clock in
 * the alert topology.
 */
final class DeadLetterAlertsProcessor implements Processor<String, String, String, Alert> {

    static final String BOT = "*";

    private final Duration quietPeriod;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Alert> firing;
    private KeyValueStore<String, String> tallies;

    DeadLetterAlertsProcessor(Duration quietPeriod) {
        this.quietPeriod = quietPeriod;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.firing = context.getStateStore(AlertsTopology.DEAD_LETTER_FIRING_STORE);
        this.tallies = context.getStateStore(AlertsTopology.DEAD_LETTER_TALLY_STORE);
        Duration every = quietPeriod.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quietPeriod.dividedBy(4);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::resolveQuiet);
    }

    @Override
    public void process(Record<String, String> record) {
        String service = record.key() == null ? "unknown" : record.key();
        Tally tally = Tally.parse(tallies.get(service)).add(record.timestamp());
        tallies.put(service, tally.format());
        String key = AlertKind.DEAD_LETTERS.key(BOT, service);
        if (firing.get(key) == null) {
            Alert alert = AlertRecords.firing(AlertKind.DEAD_LETTERS, BOT, service, record.timestamp(), record.timestamp(),
                    Map.of("failed_by", service), service + " dead-letters records",
                    "First record: " + record.value() + " at " + Instant.ofEpochMilli(record.timestamp())
                            + ". Records it could not process are on sup.dlq.v1; nothing else is lost, but they were not acted on.",
                    "./supervisor tail sup.dlq.v1 --since 1h");
            alert.setService(service);
            firing.put(key, alert);
            context.forward(new Record<>(key, alert, record.timestamp()));
        }
    }

    private void resolveQuiet(long nowMs) {
        List<KeyValue<String, Alert>> active = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = firing.all()) {
            it.forEachRemaining(active::add);
        }
        for (KeyValue<String, Alert> kv : active) {
            String service = kv.value.getLabels().get("failed_by");
            Tally tally = Tally.parse(tallies.get(service));
            if (nowMs - tally.lastMs() >= quietPeriod.toMillis()) {
                long endsAt = tally.lastMs() + quietPeriod.toMillis();
                Alert resolved = AlertRecords.resolved(kv.value, endsAt, tally.count() + " records dead-lettered, the last at "
                        + Instant.ofEpochMilli(tally.lastMs()) + "; none since for " + quietPeriod.toSeconds() + " s.");
                firing.delete(kv.key);
                tallies.delete(service);
                context.forward(new Record<>(kv.key, resolved, endsAt));
            }
        }
    }

    /** Records dead-lettered by one service in the current episode, and the timestamp of the last. */
    record Tally(long count, long lastMs) {
        static Tally parse(String text) {
            if (text == null) {
                return new Tally(0, 0);
            }
            String[] parts = text.split(",");
            return new Tally(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }

        Tally add(long tsMs) {
            return new Tally(count + 1, Math.max(lastMs, tsMs));
        }

        String format() {
            return count + "," + lastMs;
        }
    }
}
