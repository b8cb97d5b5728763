package com.quantumedge.supervisor.risk.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Effective limits per bot, read from the global limits store (raw bytes of the compacted topic)
 * and resolved again only when the defaults' or the bot's record changed.
 */
final class LimitsBook {

    private static final Logger log = LoggerFactory.getLogger(LimitsBook.class);

    private record Cached(byte[] defaults, byte[] bot, EffectiveLimits limits) {
    }

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final Map<String, Cached> cache = new HashMap<>();

    LimitsBook(ReadOnlyKeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    EffectiveLimits forBot(String botId) {
        byte[] defaults = store.get(Topics.DEFAULT_LIMITS_KEY);
        byte[] bot = store.get(botId);
        Cached cached = cache.get(botId);
        if (cached != null && Arrays.equals(cached.defaults, defaults) && Arrays.equals(cached.bot, bot)) {
            return cached.limits;
        }
        EffectiveLimits limits = EffectiveLimits.resolve(decode(defaults), decode(bot));
        cache.put(botId, new Cached(defaults, bot, limits));
        return limits;
    }

    private static RiskLimits decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(Topics.RISK_LIMITS.name(), bytes);
        } catch (RuntimeException e) {
            log.warn("Ignoring undecodable risk limits record: {}", e.getMessage());
            return null;
        }
    }

}
