package com.quantumedge.supervisor.gateway.views;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.AlertState;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.runtime.listener.DeadLetters;
import com.quantumedge.supervisor.runtime.listener.ListenerReadiness;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's read model, materialized by one consumer by manual assignment (no consumer group: the
 * gateway's account has none, and every replica holds the whole picture): the compacted risk state and risk limits keys,
 * the supervisor's firing alerts (policy-service's {@code sup.alerts.v1}) and the latest agent process status from the beginning, and the latest heartbeat, snapshot and a bounded
 * buffer of recent events from the last few records of each partition. Undecodable records go to the DLQ.
 *
 * <p>Only bots that exist are listed ({@link #isKnown}): a bot that sent a heartbeat (seen here, or
 * recorded in its risk state), traded (positions in its risk state), has its own risk limits record,
 * or is managed by a process agent. A key that only an operator command put into the risk state (a
 * typo, a fuzzer's {@code NaN}) is not a bot. The known set is only complete once the views have
 * {@link #caughtUp() caught up} with what the topics held when the gateway started.
 *
 * <p>Runs as a {@link SupervisedListener} ({@link #supervised}), the readiness contributor
 * {@code views}: UP while a consumer runs and the views have caught up. A replaced consumer resumes
 * where the last one stopped, so the views stay whole and caught up. Batches are applied whole; an
 * undecodable record goes to the DLQ and the rest of its batch is applied.
 */
public class LiveViews implements BatchConsumerAwareMessageListener<byte[], byte[]>, ConsumerSeekAware, ListenerReadiness {

    static final String READINESS = "views";
    static final String SERVICE = "ingest-gateway";
    private static final List<TopicSpec<?>> FROM_BEGINNING = List.of(Topics.RISK_STATE, Topics.AGENT_STATUS, Topics.RISK_LIMITS,
            Topics.ALERTS);
    /** The defaults record of sup.risk-limits.v1, not a bot. */
    private static final String DEFAULT_LIMITS_KEY = "*";
    private static final List<TopicSpec<?>> RECENT = List.of(Topics.HEARTBEATS, Topics.SNAPSHOTS, Topics.EVENTS);

    private final Map<String, RiskState> riskStates = new ConcurrentHashMap<>();
    private final Map<String, AgentStatus> processStates = new ConcurrentHashMap<>();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    /** The alerts firing now by alert key; a resolved alert (or its tombstone) leaves. */
    private final Map<String, Alert> firingAlerts = new ConcurrentHashMap<>();
    private final Set<String> ownLimits = ConcurrentHashMap.newKeySet();
    private final Set<String> agentManaged = ConcurrentHashMap.newKeySet();
    /** Record time of each retired bot's risk state tombstone: evidence written before it is history. */
    private final Map<String, Long> retiredAt = new ConcurrentHashMap<>();
    /** Per partition, the offset after the last one read: where a new consumer resumes. */
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    /** The ends found by the first consumer; null until it is positioned. */
    private volatile Map<TopicPartition, Long> catchUpTo;
    private volatile boolean caughtUp;
    private final ArrayDeque<SupervisorEvent> events = new ArrayDeque<>();
    private final int eventCapacity;
    private final int recentPerPartition;
    private final Duration fetchMaxWait;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Counter applied;
    private final Counter deadLettered;
    private final HeartbeatAgeGauges heartbeatAges;
    /** Replaced by the supervised consumer's ({@link #supervised}); views fed by hand (tests) have none. */
    private volatile DeadLetters deadLetters = (record, e) -> {
    };

    public LiveViews(GatewayProperties.Views settings, MeterRegistry meters) {
        this.eventCapacity = settings.eventBufferSize();
        this.recentPerPartition = settings.recentRecordsPerPartition();
        this.fetchMaxWait = settings.fetchMaxWait();
        this.applied = Counter.builder("gateway.views.records").description("Records applied to the live views").register(meters);
        this.deadLettered = Counter.builder("gateway.dlq.records").description("Undecodable records sent to the DLQ")
                .tag("reader", "views").register(meters);
        Gauge.builder("gateway.views.bots", riskStates, Map::size).description("Bots with a known risk state").register(meters);
        this.heartbeatAges = new HeartbeatAgeGauges(heartbeats, meters, java.time.Clock.systemUTC());
    }

    /** The supervised consumer of the views, not started yet; also the readiness contributor {@code views}. */
    public SupervisedListener supervised(KafkaClientSettings kafka, MeterRegistry meters) {
        SupervisedListeners.Builder builder = SupervisedListeners.builder(READINESS, SERVICE, kafka)
                .consumer(Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG, "gateway-views",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        // A recent-records offset already deleted by retention: start at what is left.
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                        // Every heartbeat passes through here: fetching in larger, rarer batches keeps the views'
                        // share of broker and client CPU small at ingest rates, at up to fetchMaxWait of staleness.
                        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis(),
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))
                .deadLetterClientId("gateway-views-dlq")
                .deadLettered(deadLettered);
        // At the end first: the positions it reports are the ends to catch up to; then each to where it reads from.
        FROM_BEGINNING.forEach(t -> builder.assign(t.name(), SeekPosition.END));
        RECENT.forEach(t -> builder.assign(t.name(), SeekPosition.END));
        deadLetters = builder.deadLetters(meters);
        return builder.listener(this).readiness(this)
                // Where there is nothing to read, an idle consumer's positions show it caught up.
                .idleEventInterval(Duration.ofMillis(500))
                .pollTimeout(Duration.ofMillis(200))
                .build(meters);
    }

    /** True once the consumer is assigned and positioned; reads before that see an empty view. */
    public boolean awaitPositioned(Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<RiskState> riskState(String botId) {
        return Optional.ofNullable(riskStates.get(botId));
    }

    public Optional<AgentStatus> processStatus(String botId) {
        return Optional.ofNullable(processStates.get(botId));
    }

    public Optional<Heartbeat> heartbeat(String botId) {
        return Optional.ofNullable(heartbeats.get(botId));
    }

    public Optional<Snapshot> snapshot(String botId) {
        return Optional.ofNullable(snapshots.get(botId));
    }

    /** The latest snapshot of every known bot. */
    public Collection<Snapshot> snapshots() {
        return snapshots.values().stream().filter(s -> isKnown(s.getBotId())).toList();
    }

    /**
     * The alerts firing now, the supervisor's own ({@code bot_id} {@code *}) included, by bot and then
     * oldest first. Alerts do not make a bot known: the policy service raises them only for bots it sees.
     */
    public List<Alert> firingAlerts() {
        return firingAlerts.values().stream().sorted(java.util.Comparator.comparing(Alert::getBotId)
                .thenComparingLong(Alert::getStartsAtMs).thenComparing(Alert::getAlertKey)).toList();
    }

    /** The alerts of one bot firing now, oldest first. */
    public List<Alert> firingAlerts(String botId) {
        return firingAlerts().stream().filter(a -> a.getBotId().equals(botId)).toList();
    }

    /** Every bot that exists, sorted. */
    public List<String> botIds() {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        ids.addAll(heartbeats.keySet());
        riskStates.values().stream().filter(LiveViews::showsBotActivity).forEach(s -> ids.add(s.getBotId()));
        ids.addAll(ownLimits);
        ids.addAll(agentManaged);
        return List.copyOf(ids);
    }

    /**
     * True if the bot exists: it sent a heartbeat, traded, has its own risk limits record or is
     * managed by a process agent. Before {@link #caughtUp()} a real bot may still be missing.
     */
    public boolean isKnown(String botId) {
        return heartbeats.containsKey(botId) || ownLimits.contains(botId) || agentManaged.contains(botId)
                || riskState(botId).filter(LiveViews::showsBotActivity).isPresent();
    }

    /**
     * True once every viewed partition has been read up to where it ended when the views started
     * (heartbeats: their recent records), so {@link #isKnown} answers for every bot that existed then.
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** A risk state that only operator commands made (no heartbeat, no position) says nothing about a bot existing. */
    private static boolean showsBotActivity(RiskState s) {
        return s.getLastHeartbeatTsMs() != null || !s.getPositions().isEmpty();
    }

    /** Newest first, at most {@code limit}. */
    public List<SupervisorEvent> recentEvents(int limit, Predicate<SupervisorEvent> filter) {
        List<SupervisorEvent> out = new ArrayList<>();
        synchronized (events) {
            var it = events.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                SupervisorEvent e = it.next();
                if (filter.test(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> ends, ConsumerSeekCallback callback) {
        if (catchUpTo == null) {
            catchUpTo = Map.copyOf(ends);
        }
        Set<String> fromBeginning = new java.util.HashSet<>();
        FROM_BEGINNING.forEach(t -> fromBeginning.add(t.name()));
        ends.forEach((tp, end) -> {
            Long resume = next.get(tp);
            if (resume != null) {
                callback.seek(tp.topic(), tp.partition(), resume);
            } else if (fromBeginning.contains(tp.topic())) {
                callback.seekToBeginning(tp.topic(), tp.partition());
            } else {
                callback.seek(tp.topic(), tp.partition(), Math.max(0, end - recentPerPartition));
            }
        });
        positioned.countDown();
        checkCaughtUp();
    }

    @Override
    public void onIdleContainer(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        positions.forEach((tp, position) -> next.merge(tp, position, Math::max));
        checkCaughtUp();
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>()).add(record);
        }
        byPartition.forEach(this::applyPartition);
        if (!caughtUp && catchUpTo != null) {
            // A partition can end in offsets that hold no record (transaction markers): its position says it is read.
            catchUpTo.keySet().forEach(tp -> next.merge(tp, consumer.position(tp), Math::max));
        }
        checkCaughtUp();
    }

    @Override
    public String whyNotReady() {
        return caughtUp ? null : "live views still reading what the topics held at start";
    }

    private void checkCaughtUp() {
        Map<TopicPartition, Long> ends = catchUpTo;
        if (!caughtUp && ends != null) {
            caughtUp = ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || next.getOrDefault(e.getKey(), 0L) >= e.getValue());
        }
    }

    /**
     * Applies a poll's records in partition order, except heartbeats: of those only each bot's last
     * in the batch is decoded, since the view keeps one heartbeat per bot and a busy bot sends many.
     */
    void applyAll(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            applyPartition(partition, records.records(partition));
        }
    }

    private void applyPartition(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long after = batch.get(batch.size() - 1).offset() + 1;
        if (partition.topic().equals(Topics.HEARTBEATS.name())) {
            batch = lastPerKey(batch);
        }
        batch.forEach(this::apply);
        next.merge(partition, after, Math::max);
    }

    private static List<ConsumerRecord<byte[], byte[]>> lastPerKey(List<ConsumerRecord<byte[], byte[]>> batch) {
        if (batch.size() < 2) {
            return batch;
        }
        Map<ByteBuffer, ConsumerRecord<byte[], byte[]>> last = new LinkedHashMap<>();
        List<ConsumerRecord<byte[], byte[]>> unkeyed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            if (record.key() == null) {
                unkeyed.add(record);
            } else {
                last.put(ByteBuffer.wrap(record.key()), record);
            }
        }
        unkeyed.addAll(last.values());
        return unkeyed;
    }

    void apply(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (record.value() == null) {
            forget(record);
            return;
        }
        try {
            if (topic.equals(Topics.RISK_LIMITS.name())) {
                // Only the key matters here: which bots have their own limits record.
                String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
                if (key != null && !key.equals(DEFAULT_LIMITS_KEY)) {
                    ownLimits.add(key);
                }
            } else if (topic.equals(Topics.RISK_STATE.name())) {
                RiskState s = Topics.RISK_STATE.valueSerde().deserializer().deserialize(topic, record.value());
                riskStates.merge(s.getBotId(), s, (old, neu) -> neu.getSequence() >= old.getSequence() ? neu : old);
            } else if (topic.equals(Topics.ALERTS.name())) {
                Alert a = Topics.ALERTS.valueSerde().deserializer().deserialize(topic, record.value());
                if (a.getState() == AlertState.FIRING) {
                    firingAlerts.put(a.getAlertKey(), a);
                } else {
                    firingAlerts.remove(a.getAlertKey());
                }
            } else if (topic.equals(Topics.AGENT_STATUS.name())) {
                AgentStatus s = Topics.AGENT_STATUS.valueSerde().deserializer().deserialize(topic, record.value());
                if (beforeRetirement(s.getBotId(), record)) {
                    return;
                }
                // An agent rejecting a command for a bot it does not manage names that bot, but does not make it one.
                if (s.getKind() == AgentStatusKind.COMMAND_ACK && s.getAck() == AckStatus.REJECTED && !agentManaged.contains(s.getBotId())) {
                    return;
                }
                agentManaged.add(s.getBotId());
                if (s.getKind() == AgentStatusKind.PROCESS_STATE || !processStates.containsKey(s.getBotId())) {
                    processStates.put(s.getBotId(), s);
                }
            } else if (topic.equals(Topics.HEARTBEATS.name())) {
                Heartbeat h = Topics.HEARTBEATS.valueSerde().deserializer().deserialize(topic, record.value());
                if (beforeRetirement(h.getBotId(), record)) {
                    return;
                }
                heartbeats.merge(h.getBotId(), h, (old, neu) -> neu.getTsMs() >= old.getTsMs() ? neu : old);
                heartbeatAges.seen(h.getBotId());
            } else if (topic.equals(Topics.SNAPSHOTS.name())) {
                Snapshot s = Topics.SNAPSHOTS.valueSerde().deserializer().deserialize(topic, record.value());
                if (beforeRetirement(s.getBotId(), record)) {
                    return;
                }
                snapshots.merge(s.getBotId(), s, (old, neu) -> neu.getTsMs() >= old.getTsMs() ? neu : old);
            } else if (topic.equals(Topics.EVENTS.name())) {
                SupervisorEvent e = Topics.EVENTS.valueSerde().deserializer().deserialize(topic, record.value());
                synchronized (events) {
                    events.addLast(e);
                    while (events.size() > eventCapacity) {
                        events.removeFirst();
                    }
                }
            }
            applied.increment();
        } catch (RuntimeException e) {
            deadLetters.send(record, e);
        }
    }

    /**
     * A tombstone on a compacted topic removes the key's record. On the risk state it means the bot
     * was retired (RETIRE): everything seen of it up to then is forgotten, and older records read
     * later (heartbeats and snapshots are read from their recent end, agent status from the start) are ignored.
     */
    private void forget(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String botId = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.topic().equals(Topics.RISK_STATE.name())) {
            retiredAt.merge(botId, record.timestamp(), Math::max);
            riskStates.remove(botId);
            heartbeats.computeIfPresent(botId, (k, h) -> h.getReceivedTsMs() > record.timestamp() ? h : null);
            snapshots.computeIfPresent(botId, (k, s) -> s.getTsMs() > record.timestamp() ? s : null);
            if (processStates.computeIfPresent(botId, (k, a) -> a.getTsMs() > record.timestamp() ? a : null) == null) {
                agentManaged.remove(botId);
            }
        } else if (record.topic().equals(Topics.RISK_LIMITS.name())) {
            ownLimits.remove(botId);
        } else if (record.topic().equals(Topics.ALERTS.name())) {
            firingAlerts.remove(botId); // on this topic the key is an alert key, bot_id|alertname[|detail]
        }
    }

    private boolean beforeRetirement(String botId, ConsumerRecord<byte[], byte[]> record) {
        Long retired = retiredAt.get(botId);
        return retired != null && record.timestamp() <= retired;
    }

    static Set<String> topicNames() {
        Set<String> names = new java.util.HashSet<>();
        FROM_BEGINNING.forEach(t -> names.add(t.name()));
        RECENT.forEach(t -> names.add(t.name()));
        return names;
    }
}
