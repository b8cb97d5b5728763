package com.quantumedge.supervisor.gateway.tsdb;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer while no ClickHouse is wired into the gateway. */
public class NoTsdbConfigured implements TsdbStatusSource {

    @Override
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", false);
        out.put("backend", "none");
        out.put("reason", "no ClickHouse is configured for this gateway; live views come from Kafka");
        return out;
    }
}
