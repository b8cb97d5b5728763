package com.quantumedge.supervisor.risk.book;

import java.util.List;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.SupervisorEvent;

/**
 * What applying one input produced: the decision (order requests only), the events to publish,
 * and whether the bot's published risk state changed.
 */
public record Outcome(OrderDecision decision, List<SupervisorEvent> events, boolean stateChanged) {

    public static final Outcome NOTHING = new Outcome(null, List.of(), false);
}
