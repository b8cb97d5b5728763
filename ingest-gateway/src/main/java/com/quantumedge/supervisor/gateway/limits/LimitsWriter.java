package com.quantumedge.supervisor.gateway.limits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.limits.LimitsChanges;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimits;

/**
 * Changes a key of {@code sup.risk-limits.v1}: checks the expected version against the record in
 * force, writes the edited record under the next version, then its RISK_LIMITS_CHANGED event, and
 * answers once this gateway's view has read the record back, so a GET right after shows it.
 * Changes in one gateway are serialized; two replicas changing one key at the same moment can both
 * write the same next version (the later record wins, both are audited).
 */
public class LimitsWriter {

    static final String SOURCE = "ingest-gateway";
    private static final Logger log = LoggerFactory.getLogger(LimitsWriter.class);
    /** How long an answered change waits for the view to show it; the record is written either way. */
    private static final Duration VIEW_CATCH_UP = Duration.ofSeconds(5);

    private final RiskLimitsView view;
    private final RecordPublisher publisher;
    private final Duration produceTimeout;
    private final ReentrantLock lock = new ReentrantLock();

    /** @param produceTimeout bounds each write; the publisher's own timeouts answer first */
    public LimitsWriter(RiskLimitsView view, RecordPublisher publisher, Duration produceTimeout) {
        this.view = view;
        this.publisher = publisher;
        this.produceTimeout = produceTimeout;
    }

    /**
     * @param key       a bot id or {@link Topics#DEFAULT_LIMITS_KEY}
     * @param symbol    the symbol override to edit, or null
     * @param principal who asks (recorded as updated_by)
     */
    public LimitsChanged change(String key, String symbol, LimitsEdit edit, String principal) {
        lock.lock();
        try {
            RiskLimits previous = view.record(key).orElse(null);
            long current = previous == null ? 0 : previous.getVersion();
            if (edit.expectedVersion() != null && edit.expectedVersion() != current) {
                throw new ApiException(HttpStatus.CONFLICT, "VERSION_CONFLICT", "the limits of " + key + " are at version " + current
                        + ", not " + edit.expectedVersion() + ": read them again and retry", "expected_version");
            }
            RiskLimits inheritedFrom = key.equals(Topics.DEFAULT_LIMITS_KEY) ? null : view.record(Topics.DEFAULT_LIMITS_KEY).orElse(null);
            RiskLimits wanted = edit.applyTo(key, previous, ResolvedLimits.resolve(inheritedFrom, null, null), symbol);
            Optional<RiskLimits> next = LimitsChanges.next(previous, wanted, System.currentTimeMillis(), principal, edit.reason());
            if (next.isEmpty()) {
                return answer(key, symbol, false, previous, previous, principal, edit.reason(), null);
            }
            RecordMetadata written = publisher.publish(Topics.RISK_LIMITS, key, next.get()).block(produceTimeout);
            SupervisorEvent event = LimitsChanges.changedEvent(next.get(), previous, SOURCE);
            publisher.publish(Topics.EVENTS, key, event).block(produceTimeout);
            awaitView(written);
            return answer(key, symbol, true, previous, next.get(), principal, edit.reason(), event.getEventId());
        } finally {
            lock.unlock();
        }
    }

    private void awaitView(RecordMetadata written) {
        try {
            view.applied(written.partition(), written.offset()).get(VIEW_CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Limits record {}@{} written but not yet read back by this gateway's view", written.partition(), written.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LimitsChanged answer(String key, String symbol, boolean changed, RiskLimits previous, RiskLimits now,
            String principal, String reason, String eventId) {
        Map<String, LimitsChanged.Change> changes = new LinkedHashMap<>();
        if (changed) {
            for (String field : LimitsChanges.changedFields(previous == null ? empty(key) : previous, now)) {
                changes.put(field, new LimitsChanged.Change(valueAt(previous, field), valueAt(now, field)));
            }
        }
        RiskLimits defaults = key.equals(Topics.DEFAULT_LIMITS_KEY) ? now : view.record(Topics.DEFAULT_LIMITS_KEY).orElse(null);
        BotLimits limits = key.equals(Topics.DEFAULT_LIMITS_KEY) ? BotLimits.defaults(defaults, symbol) : BotLimits.of(key, defaults, now, symbol);
        return new LimitsChanged(key, symbol, changed, now.getVersion(), previous == null ? null : previous.getVersion(),
                principal, reason, eventId, changes, limits);
    }

    private static RiskLimits empty(String key) {
        return RiskLimits.newBuilder().setEventId("").setBotId(key).setTsMs(0).setVersion(0).setUpdatedBy("").build();
    }

    /** A field's value by the name {@link LimitsChanges#changedFields} gives it: a limit, disabled_checks, or symbols.S.limit. */
    static Object valueAt(RiskLimits record, String field) {
        if (record == null) {
            return null;
        }
        if (field.startsWith("symbols.")) {
            int dot = field.lastIndexOf('.');
            SymbolLimits override = record.getSymbols().get(field.substring("symbols.".length(), dot));
            return override == null ? null : override.get(field.substring(dot + 1));
        }
        return record.get(field);
    }
}
