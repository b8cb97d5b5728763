package com.quantumedge.supervisor.risk.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.risk.config.RiskStreamProperties.LimitValues;
import com.quantumedge.supervisor.risk.config.RiskStreamProperties.SymbolValues;

class LimitsChangePlannerTest {

    private static LimitValues qty(double maxQty) {
        return new LimitValues(maxQty, null, null, null, null, null, 100, 1000L, null, null, null, null, null, null,
                Map.of("ETHUSDT", new SymbolValues(10.0, null, null, null)));
    }

    @Test
    @DisplayName("a key the topic does not have yet is published as version 1")
    void newKey() {
        assertThat(LimitsChangePlanner.changes(Map.of(), Map.of("*", qty(1)), 5, "config"))
                .singleElement().satisfies(r -> {
                    assertThat(r.getVersion()).isEqualTo(1);
                    assertThat(r.getUpdatedBy()).isEqualTo("config");
                    assertThat(r.getSymbols().get("ETHUSDT").getMaxOrderQty()).isEqualTo(10.0);
                });
    }

    @Test
    @DisplayName("unchanged configuration publishes nothing, so restarts do not churn versions")
    void unchanged() {
        RiskLimits current = LimitsChangePlanner.toRecord("*", qty(1), 1, 3, "someone");

        assertThat(LimitsChangePlanner.changes(Map.of("*", current), Map.of("*", qty(1)), 9, "config")).isEmpty();
    }

    @Test
    @DisplayName("a changed value is published under the next version of its key")
    void changed() {
        RiskLimits current = LimitsChangePlanner.toRecord("*", qty(1), 1, 3, "someone");

        assertThat(LimitsChangePlanner.changes(Map.of("*", current), Map.of("*", qty(2)), 9, "config"))
                .singleElement().satisfies(r -> assertThat(r.getVersion()).isEqualTo(4));
    }
}
