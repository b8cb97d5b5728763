package com.quantumedge.supervisor.gateway.views;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's read model, materialized by one plain consumer on a background thread (no consumer
 * group, so every replica holds the whole picture): the compacted risk state and risk limits keys and
 * the latest agent process status from the beginning, and the latest heartbeat, snapshot and a bounded
 * buffer of recent events from the last few records of each partition. Undecodable records go to the DLQ.
 *
 * <p>Only bots that exist are listed ({@link #isKnown}): a bot that sent a heartbeat (seen here, or
 * recorded in its risk state), traded (positions in its risk state), has its own risk limits record,
 * or is managed by a process agent. A key that only an operator command put into the risk state (a
 * typo, a fuzzer's {@code NaN}) is not a bot. The known set is only complete once the views have
 * {@link #caughtUp() caught up} with what the topics held when the gateway started.
 */
public class LiveViews implements AutoCloseable {

    static final String SERVICE = "ingest-gateway";
    private static final Logger log = LoggerFactory.getLogger(LiveViews.class);
    private static final List<TopicSpec<?>> FROM_BEGINNING = List.of(Topics.RISK_STATE, Topics.AGENT_STATUS, Topics.RISK_LIMITS);
    /** The defaults record of sup.risk-limits.v1, not a bot. */
    private static final String DEFAULT_LIMITS_KEY = "*";
    private static final List<TopicSpec<?>> RECENT = List.of(Topics.HEARTBEATS, Topics.SNAPSHOTS, Topics.EVENTS);

    private final Map<String, RiskState> riskStates = new ConcurrentHashMap<>();
    private final Map<String, AgentStatus> processStates = new ConcurrentHashMap<>();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Set<String> ownLimits = ConcurrentHashMap.newKeySet();
    private final Set<String> agentManaged = ConcurrentHashMap.newKeySet();
    /** Record time of each retired bot's risk state tombstone: evidence written before it is history. */
    private final Map<String, Long> retiredAt = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> catchUpTo = Map.of();
    private volatile boolean caughtUp;
    private final ArrayDeque<SupervisorEvent> events = new ArrayDeque<>();
    private final int eventCapacity;
    private final int recentPerPartition;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Counter applied;
    private final Counter deadLettered;
    private volatile boolean running = true;

    public LiveViews(KafkaClientSettings kafka, GatewayProperties.Views settings, MeterRegistry meters) {
        this.eventCapacity = settings.eventBufferSize();
        this.recentPerPartition = settings.recentRecordsPerPartition();
        this.consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-views",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                // Every heartbeat passes through here: fetching in larger, rarer batches keeps the views'
                // share of broker and client CPU small at ingest rates, at up to fetchMaxWait of staleness.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) settings.fetchMaxWait().toMillis(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(kafka.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "gateway-views-dlq",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000)),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.applied = Counter.builder("gateway.views.records").description("Records applied to the live views").register(meters);
        this.deadLettered = Counter.builder("gateway.dlq.records").description("Undecodable records sent to the DLQ")
                .tag("reader", "views").register(meters);
        Gauge.builder("gateway.views.bots", riskStates, Map::size).description("Bots with a known risk state").register(meters);
        this.thread = new Thread(this::run, "gateway-views");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
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

    private void run() {
        try {
            assignAndPosition();
            positioned.countDown();
            while (running) {
                applyAll(consumer.poll(Duration.ofMillis(200)));
                checkCaughtUp();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                log.error("Live views consumer stopped", e);
            }
        } finally {
            positioned.countDown();
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void assignAndPosition() {
        Map<TopicPartition, Boolean> fromBeginning = new HashMap<>();
        for (TopicSpec<?> topic : FROM_BEGINNING) {
            partitions(topic).forEach(tp -> fromBeginning.put(tp, true));
        }
        for (TopicSpec<?> topic : RECENT) {
            partitions(topic).forEach(tp -> fromBeginning.put(tp, false));
        }
        consumer.assign(fromBeginning.keySet());
        List<TopicPartition> recent = fromBeginning.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        consumer.seekToBeginning(fromBeginning.keySet().stream().filter(fromBeginning::get).toList());
        Map<TopicPartition, Long> ends = consumer.endOffsets(recent);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(recent);
        for (TopicPartition tp : recent) {
            consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - recentPerPartition));
        }
        catchUpTo = new HashMap<>(consumer.endOffsets(fromBeginning.keySet()));
    }

    private void checkCaughtUp() {
        if (caughtUp) {
            return;
        }
        Map<TopicPartition, Long> remaining = new HashMap<>(catchUpTo);
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        catchUpTo = remaining;
        caughtUp = remaining.isEmpty();
    }

    private List<TopicPartition> partitions(TopicSpec<?> topic) {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                pause();
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Waiting for topic {} metadata", topic.name());
            }
        }
        return List.of();
    }

    /**
     * Applies a poll's records in partition order, except heartbeats: of those only each bot's last
     * in the batch is decoded, since the view keeps one heartbeat per bot and a busy bot sends many.
     */
    void applyAll(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
            if (partition.topic().equals(Topics.HEARTBEATS.name())) {
                batch = lastPerKey(batch);
            }
            batch.forEach(this::apply);
        }
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
            deadLettered.increment();
            log.warn("Undecodable record {}-{}@{} sent to the DLQ: {}", topic, record.partition(), record.offset(), e.getMessage());
            deadLetters.send(DeadLetter.of(topic, record.partition(), record.offset(), record.key(), record.value(),
                    record.headers(), SERVICE, DeadLetter.reasonOf(e), e));
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

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(1));
    }
}
