package com.quantumedge.supervisor.policy.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** Bots this instance supervises (seen on its partitions, restored from its store, or configured). */
@Component
public class KnownBots {

    private final Set<String> bots = ConcurrentHashMap.newKeySet();

    public void add(String botId) {
        bots.add(botId);
    }

    public Set<String> snapshot() {
        return Set.copyOf(bots);
    }

    public int size() {
        return bots.size();
    }
}
