package com.quantumedge.supervisor.risk.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.risk.book.Outcome;
import com.quantumedge.supervisor.risk.book.RiskBook;
import com.quantumedge.supervisor.risk.book.RiskStateView;
import com.quantumedge.supervisor.risk.checks.RiskEngine;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/**
 * The thin stream processor around {@link RiskBook}: decodes each input (undecodable ones go to
 * the DLQ), skips inputs the bot's state has already applied (at-least-once redelivery after a
 * crash), applies the rest, stores the state together with the input's offset, and forwards the
 * decision, events and risk state.
 */
final class RiskProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(RiskProcessor.class);
    static final String SERVICE = "risk-stream";

    private final TopologySettings settings;
    private final RiskBook book;
    private final Map<String, BotRiskState> cache = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final PartitionKeys partitionKeys = new PartitionKeys();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, BotRiskState> states;
    private StoredExecutionIds executionIds;
    private LimitsBook limits;
    private long maxEventTimeMs;

    RiskProcessor(TopologySettings settings) {
        this.settings = settings;
        this.book = new RiskBook(new RiskEngine(), settings.book(), settings.clock());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(RiskTopology.RISK_BOOK_STORE);
        this.executionIds = new StoredExecutionIds(context.getStateStore(RiskTopology.APPLIED_EXECUTIONS_STORE));
        ReadOnlyKeyValueStore<String, byte[]> limitsStore = context.getStateStore(RiskTopology.LIMITS_STORE);
        this.limits = new LimitsBook(limitsStore);
        context.schedule(settings.riskStateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publishDirty(now));
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME,
                now -> executionIds.forgetBefore(maxEventTimeMs - settings.execIdRetention().toMillis()));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String topic = meta.topic();
        settings.metrics().input(topic);
        String botId = record.key();
        if (botId == null || botId.isEmpty()) {
            deadLetter(record, meta, "MISSING_KEY", new IllegalArgumentException("record has no bot_id key"));
            return;
        }
        Object value;
        try {
            value = decode(topic, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, meta, DeadLetter.reasonOf(e), e);
            return;
        }
        if (value == null) {
            return;
        }
        if (Retirement.isRetire(value)) {
            retire(record, (OperatorCommand) value);
            return;
        }
        BotRiskState state = load(botId);
        String partitionKey = partitionKeys.of(topic, meta.partition());
        if (state.hasApplied(partitionKey, meta.offset())) {
            settings.metrics().replayedInputSkipped(topic);
            return;
        }
        Outcome outcome;
        try {
            outcome = apply(state, value, meta);
        } catch (RuntimeException e) {
            cache.remove(botId);
            log.error("Cannot apply {} record at {}-{}@{} for bot {}", topic, topic, meta.partition(), meta.offset(), botId, e);
            deadLetter(record, meta, "PROCESSING_FAILED", e);
            return;
        }
        state.markApplied(partitionKey, meta.offset());
        states.put(botId, state);
        if (outcome.decision() != null) {
            context.forward(record.withValue((Object) outcome.decision()));
        }
        for (SupervisorEvent event : outcome.events()) {
            settings.metrics().event(event.getEventType());
            context.forward(record.withValue((Object) event));
        }
        if (outcome.stateChanged()) {
            if (outcome.decision() == null || !outcome.events().isEmpty()) {
                dirty.remove(botId);
                context.forward(record.withValue((Object) RiskStateView.of(state, settings.clock().millis())));
            } else {
                dirty.add(botId);
            }
        }
    }

    private void retire(Record<String, byte[]> record, OperatorCommand command) {
        String botId = record.key();
        cache.remove(botId);
        dirty.remove(botId);
        states.delete(botId);
        SupervisorEvent event = Retirement.applied(command);
        settings.metrics().event(event.getEventType());
        context.forward(record.withValue((Object) event));
        context.forward(record.withValue((Object) Retirement.RISK_STATE));
        context.forward(record.withValue((Object) Retirement.RISK_LIMITS));
    }

    private Outcome apply(BotRiskState state, Object value, RecordMetadata meta) {
        EffectiveLimits botLimits = limits.forBot(state.botId());
        if (value instanceof OrderRequest r) {
            maxEventTimeMs = Math.max(maxEventTimeMs, r.getTsMs());
            long started = System.nanoTime();
            Outcome outcome = book.onOrderRequest(state, r, botLimits);
            settings.metrics().decision(outcome.decision().getCode(), System.nanoTime() - started);
            return outcome;
        }
        if (value instanceof Execution e) {
            maxEventTimeMs = Math.max(maxEventTimeMs, e.getTsMs());
            Outcome outcome = book.onExecution(state, e, botLimits, executionIds, meta.partition() + ":" + meta.offset());
            if (outcome == Outcome.NOTHING) {
                settings.metrics().duplicateExecution();
            }
            return outcome;
        }
        if (value instanceof Heartbeat h) {
            maxEventTimeMs = Math.max(maxEventTimeMs, h.getTsMs());
            Outcome outcome = book.onHeartbeat(state, h, botLimits);
            state.compact();
            return outcome;
        }
        OperatorCommand c = (OperatorCommand) value;
        maxEventTimeMs = Math.max(maxEventTimeMs, c.getTsMs());
        return book.onOperatorCommand(state, c, botLimits);
    }

    private static Object decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (topic.equals(Topics.ORDER_REQUESTS.name())) {
            return Topics.ORDER_REQUESTS.valueSerde().deserializer().deserialize(topic, bytes);
        }
        if (topic.equals(Topics.EXECUTIONS.name())) {
            return Topics.EXECUTIONS.valueSerde().deserializer().deserialize(topic, bytes);
        }
        if (topic.equals(Topics.HEARTBEATS.name())) {
            return Topics.HEARTBEATS.valueSerde().deserializer().deserialize(topic, bytes);
        }
        if (topic.equals(Topics.OPERATOR_COMMANDS.name())) {
            return Topics.OPERATOR_COMMANDS.valueSerde().deserializer().deserialize(topic, bytes);
        }
        throw new IllegalStateException("risk-stream does not read " + topic);
    }

    private BotRiskState load(String botId) {
        BotRiskState state = cache.get(botId);
        if (state == null) {
            state = states.get(botId);
            if (state == null) {
                state = new BotRiskState(botId);
            }
            cache.put(botId, state);
        }
        return state;
    }

    private void publishDirty(long now) {
        if (dirty.isEmpty()) {
            return;
        }
        for (String botId : dirty) {
            BotRiskState state = load(botId);
            context.forward(new Record<>(botId, (Object) RiskStateView.of(state, settings.clock().millis()), now));
        }
        dirty.clear();
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata meta, String reason, Throwable error) {
        settings.metrics().deadLettered(reason);
        log.warn("Dead-lettering {}-{}@{}: {} ({})", meta.topic(), meta.partition(), meta.offset(), reason, error.getMessage());
        var dlq = DeadLetter.of(meta.topic(), meta.partition(), meta.offset(),
                record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                record.value(), record.headers(), SERVICE, reason, error);
        context.forward(new Record<String, Object>(record.key(), new DeadLetterValue(dlq.value()), record.timestamp(),
                new RecordHeaders(dlq.headers().toArray())));
    }
}
