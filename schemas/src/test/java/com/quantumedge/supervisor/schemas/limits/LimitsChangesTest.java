package com.quantumedge.supervisor.schemas.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.SymbolLimits;

class LimitsChangesTest {

    static {
        GeneratedClasses.trust();
    }

    private static RiskLimits qty(double maxQty) {
        return RiskLimits.newBuilder().setEventId("x").setBotId("*").setTsMs(0).setVersion(0).setUpdatedBy("")
                .setMaxOrderQty(maxQty).setMaxSubmitsPerWindow(100).setSubmitWindowMs(1000L)
                .setSymbols(Map.of("ETHUSDT", SymbolLimits.newBuilder().setMaxOrderQty(10.0).build())).build();
    }

    private static RiskLimits published(RiskLimits content, long version) {
        return LimitsChanges.next(null, content, 1, "someone", "r").map(r -> {
            r.setVersion(version);
            return r;
        }).orElseThrow();
    }

    @Test
    @DisplayName("a key the topic does not have yet is published as version 1, with who and why")
    void newKey() {
        assertThat(LimitsChanges.plan(Map.of(), Map.of("*", qty(1)), 5, "config", "configuration"))
                .singleElement().satisfies(r -> {
                    assertThat(r.getVersion()).isEqualTo(1);
                    assertThat(r.getBotId()).isEqualTo("*");
                    assertThat(r.getUpdatedBy()).isEqualTo("config");
                    assertThat(r.getReason()).isEqualTo("configuration");
                    assertThat(r.getTsMs()).isEqualTo(5);
                    assertThat(r.getSymbols().get("ETHUSDT").getMaxOrderQty()).isEqualTo(10.0);
                });
    }

    @Test
    @DisplayName("unchanged content publishes nothing, so restarts do not churn versions")
    void unchanged() {
        assertThat(LimitsChanges.plan(Map.of("*", published(qty(1), 3)), Map.of("*", qty(1)), 9, "config", "c")).isEmpty();
    }

    @Test
    @DisplayName("a changed value is published under the next version of its key")
    void changed() {
        assertThat(LimitsChanges.plan(Map.of("*", published(qty(1), 3)), Map.of("*", qty(2)), 9, "config", "c"))
                .singleElement().satisfies(r -> assertThat(r.getVersion()).isEqualTo(4));
    }

    @Test
    @DisplayName("the same checks switched off in another order are the same content")
    void disabledChecksOrderDoesNotMatter() {
        RiskLimits before = published(RiskLimits.newBuilder(qty(1)).setDisabledChecks(List.of("DRAWDOWN_LIMIT", "DAILY_LOSS_LIMIT")).build(), 2);

        assertThat(LimitsChanges.next(before, RiskLimits.newBuilder(qty(1))
                .setDisabledChecks(List.of("DAILY_LOSS_LIMIT", "DRAWDOWN_LIMIT")).build(), 3, "ops", "r")).isEmpty();
    }

    @Test
    @DisplayName("changed fields are named in snake_case, symbol overrides by their path")
    void namesChangedFields() {
        RiskLimits after = RiskLimits.newBuilder(qty(2)).setMaxDailyLossPct(3.0)
                .setSymbols(Map.of("ETHUSDT", SymbolLimits.newBuilder().setMaxOrderQty(11.0).build())).build();

        assertThat(LimitsChanges.changedFields(qty(1), after))
                .containsExactly("max_order_qty", "max_daily_loss_pct", "symbols.ETHUSDT.max_order_qty");
    }

    @Test
    @DisplayName("the change event records who, why, what changed and both records")
    void changeEvent() {
        RiskLimits before = published(qty(1), 3);
        RiskLimits after = LimitsChanges.next(before, qty(2), 9, "alice", "wider for the ETH test").orElseThrow();

        SupervisorEvent event = LimitsChanges.changedEvent(after, before, "ingest-gateway");

        assertThat(event.getEventType()).isEqualTo(EventType.RISK_LIMITS_CHANGED);
        assertThat(event.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(event.getSource()).isEqualTo("ingest-gateway");
        assertThat(event.getBotId()).isEqualTo("*");
        assertThat(event.getAttributes()).containsEntry("version", "4").containsEntry("previous_version", "3")
                .containsEntry("updated_by", "alice").containsEntry("reason", "wider for the ETH test")
                .containsEntry("changed", "max_order_qty");
        assertThat(event.getAttributes().get("limits")).contains("\"max_order_qty\":2.0");
        assertThat(event.getAttributes().get("previous_limits")).contains("\"max_order_qty\":1.0");
    }

    @Test
    @DisplayName("a change that switches a check off is a WARNING naming the check")
    void switchingOffWarns() {
        RiskLimits before = published(qty(1), 1);
        RiskLimits after = LimitsChanges.next(before, RiskLimits.newBuilder(qty(1))
                .setDisabledChecks(List.of("DRAWDOWN_LIMIT")).build(), 9, "alice", "backtest").orElseThrow();

        SupervisorEvent event = LimitsChanges.changedEvent(after, before, "risk-stream");

        assertThat(event.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(event.getAttributes()).containsEntry("checks_switched_off", "DRAWDOWN_LIMIT")
                .containsEntry("changed", "disabled_checks");
        assertThat(event.getMessage()).contains("DRAWDOWN_LIMIT");
    }
}
