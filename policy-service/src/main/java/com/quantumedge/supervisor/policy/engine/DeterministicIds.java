package com.quantumedge.supervisor.policy.engine;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of everything the policy emits are name-based UUIDs of what triggered it (bot, rule, event
 * time), so a replay of the same inputs produces the same ids and a redelivered input produces a
 * duplicate the agent recognises by command id.
 */
final class DeterministicIds {

    private DeterministicIds() {
    }

    static String of(String botId, String rule, long triggerMs, String part) {
        String name = "qe-policy|" + botId + "|" + rule + "|" + triggerMs + "|" + part;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
