package com.quantumedge.supervisor.risk.book;

import java.util.LinkedHashMap;
import java.util.Map;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;

/**
 * Builds SupervisorEvents with ids derived from the input that caused them, so re-processing an
 * input after a crash re-publishes the same event ids and the sink deduplicates them.
 */
final class EventFactory {

    static final String SOURCE = "risk-stream";

    private EventFactory() {
    }

    static String derivedId(String inputEventId, String what) {
        return DerivedIds.derivedId(inputEventId, what);
    }

    static SupervisorEvent event(String inputEventId, String botId, long tsMs, EventType type, Severity severity,
            String message, String correlationId, String symbol, Map<String, String> attributes) {
        return SupervisorEvent.newBuilder()
                .setEventId(derivedId(inputEventId, type + "|" + (symbol == null ? "" : symbol)))
                .setBotId(botId)
                .setTsMs(tsMs)
                .setEventType(type)
                .setSeverity(severity)
                .setSource(SOURCE)
                .setMessage(message)
                .setCorrelationId(correlationId)
                .setSymbol(symbol)
                .setAttributes(new LinkedHashMap<>(attributes))
                .build();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
