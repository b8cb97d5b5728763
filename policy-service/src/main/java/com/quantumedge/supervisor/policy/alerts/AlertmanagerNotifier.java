package com.quantumedge.supervisor.policy.alerts;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.AlertState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Pages through Alertmanager: reads all of compacted {@code sup.alerts.v1} from the beginning (so
 * after a restart it holds the full current set again), and sends every firing alert, plus the
 * alerts resolved within {@code resolved-retention} with their end time, to each configured
 * Alertmanager: at once when an alert changes, and again every {@code resend-interval}.
 *
 * <p>Why a restart neither re-pages nor duplicates: nothing is sent until the topic has been read up
 * to where it ended at start, so an alert resolved before the restart is only ever sent resolved;
 * an unchanged firing alert goes with the same labels and start, which Alertmanager recognises as
 * the one it already notified. Several instances (and an HA pair of Alertmanagers) are fine for the
 * same reason: every instance reads every partition (no consumer group) and sends the same set.
 *
 * <p>Each URL on its own: a failed POST is retried after a backoff ({@link AlertmanagerTarget}),
 * with the then-current set, so what still fires arrives when that Alertmanager returns.
 * Alertmanager being down never touches readiness: risk supervision does not need paging.
 */
public final class AlertmanagerNotifier implements AcknowledgingConsumerAwareMessageListener<byte[], byte[]>, AutoCloseable {

    static final String READINESS = "alertNotifier";
    static final String ACTIVE_METRIC = "supervisor.alerts.active";
    private static final Logger log = LoggerFactory.getLogger(AlertmanagerNotifier.class);
    private static final Duration TICK = Duration.ofMillis(200);
    /**
     * Read to the end also when no record is delivered for this long after the last: a partition whose
     * last offset is a transaction marker (exactly_once_v2) never hands over a record at end - 1.
     */
    private static final Duration CAUGHT_UP_WHEN_IDLE = Duration.ofSeconds(2);

    private final AlertsProperties settings;
    private final Clock clock;
    private final List<AlertmanagerTarget> targets;
    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lastOffsets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> activeGauges = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    /** Partitions still to be read up to their end offset at start; null until the first record. */
    private volatile Map<TopicPartition, Long> replayUntil;
    private volatile boolean caughtUp;
    private volatile long lastRecordNanos;

    public AlertmanagerNotifier(AlertsProperties settings, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
        this.targets = settings.alertmanagerUrls().stream()
                .map(url -> new AlertmanagerTarget(url, http, settings.requestTimeout(), settings.backoff().restartBackoff(), meters))
                .toList();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alertmanager-notifier");
            t.setDaemon(true);
            return t;
        });
    }

    /** The supervised consumer feeding this notifier: every partition of the alert topic, from the beginning. */
    public SupervisedListener supervised(KafkaClientSettings kafka) {
        return SupervisedListeners.builder(READINESS, "policy-service", kafka)
                .consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "policy-alert-notifier"))
                .assign(Topics.ALERTS.name(), SeekPosition.BEGINNING)
                .listener(this)
                .deadLetterClientId("policy-alert-notifier-dlq")
                .build(meters);
    }

    public void start() {
        if (targets.isEmpty()) {
            log.warn("No Alertmanager configured (supervisor.policy.alerts.alertmanager-urls): alerts are kept on {} but nobody is paged",
                    Topics.ALERTS.name());
        } else {
            log.info("Alerts go to Alertmanager {} (resend every {}, resolved ones for {})",
                    targets.stream().map(AlertmanagerTarget::endpoint).toList(), settings.resendInterval(), settings.resolvedRetention());
        }
        scheduler.scheduleWithFixedDelay(this::sendDue, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record, Acknowledgment ack, Consumer<?, ?> consumer) {
        lastRecordNanos = System.nanoTime();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (replayUntil == null) {
            replayUntil = replayEnds(consumer);
        }
        Long last = lastOffsets.get(partition);
        if (last == null || record.offset() > last) {
            // A replaced consumer starts from the beginning again: what is already known is not re-applied.
            lastOffsets.put(partition, record.offset());
            apply(record);
        }
        if (!caughtUp) {
            Long end = replayUntil.get(partition);
            if (end != null && record.offset() + 1 >= end) {
                replayUntil.remove(partition);
            }
            if (replayUntil.isEmpty()) {
                markCaughtUp("up to its end at start");
            }
        }
    }

    private synchronized void markCaughtUp(String how) {
        if (caughtUp) {
            return;
        }
        caughtUp = true;
        log.info("Alert notifier read {} {}: {} alerts, {} firing", Topics.ALERTS.name(), how, alerts.size(),
                alerts.values().stream().filter(a -> a.getState() == AlertState.FIRING).count());
        targets.forEach(AlertmanagerTarget::markChanged);
    }

    private static Map<TopicPartition, Long> replayEnds(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(assigned);
        Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
        consumer.endOffsets(assigned).forEach((p, end) -> {
            if (end > begins.getOrDefault(p, 0L)) {
                ends.put(p, end);
            }
        });
        return ends;
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
            if (key != null) {
                alerts.remove(key);
            }
        } else {
            Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            alerts.put(alert.getAlertKey(), alert);
        }
        updateGauges();
        if (caughtUp) {
            targets.forEach(AlertmanagerTarget::markChanged);
        }
    }

    private void sendDue() {
        try {
            if (!caughtUp) {
                if (replayUntil == null || System.nanoTime() - lastRecordNanos < CAUGHT_UP_WHEN_IDLE.toNanos()) {
                    return;
                }
                markCaughtUp("until no more records came for " + CAUGHT_UP_WHEN_IDLE.toSeconds() + " s");
            }
            Instant now = clock.instant();
            String body = null;
            for (AlertmanagerTarget target : targets) {
                if (target.due(now, settings.resendInterval())) {
                    if (body == null) {
                        List<Alert> toSend = toSend(now);
                        if (toSend.isEmpty()) {
                            return;
                        }
                        body = AlertmanagerPayload.of(toSend, now);
                    }
                    target.post(body, now);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Alert notifier round failed; the next one retries", e);
        }
    }

    /** Every firing alert, and the resolved ones that ended within the retention. */
    List<Alert> toSend(Instant now) {
        long oldestEnd = now.minus(settings.resolvedRetention()).toEpochMilli();
        return alerts.values().stream()
                .filter(a -> a.getState() == AlertState.FIRING || (a.getEndsAtMs() != null && a.getEndsAtMs() >= oldestEnd))
                .toList();
    }

    /** The current alerts by key (firing and resolved), for tests and views. */
    Map<String, Alert> alerts() {
        return Map.copyOf(alerts);
    }

    boolean caughtUp() {
        return caughtUp;
    }

    private void updateGauges() {
        Map<String, Integer> counts = new HashMap<>();
        for (Alert a : alerts.values()) {
            if (a.getState() == AlertState.FIRING) {
                counts.merge(a.getAlertname() + "|" + a.getSeverity(), 1, Integer::sum);
            }
        }
        activeGauges.forEach((k, v) -> v.set(counts.getOrDefault(k, 0)));
        counts.forEach((k, n) -> activeGauges.computeIfAbsent(k, this::registerGauge).set(n));
    }

    private AtomicInteger registerGauge(String nameAndSeverity) {
        String[] parts = nameAndSeverity.split("\\|");
        AtomicInteger value = new AtomicInteger();
        Gauge.builder(ACTIVE_METRIC, value, AtomicInteger::get).description("Supervisor alerts firing now")
                .tag("alertname", parts[0]).tag("severity", Severity.valueOf(parts[1]).name().toLowerCase(java.util.Locale.ROOT))
                .register(meters);
        return value;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
