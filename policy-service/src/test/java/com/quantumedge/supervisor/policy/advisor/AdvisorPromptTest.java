package com.quantumedge.supervisor.policy.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.RiskState;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdvisorPromptTest {

    @Test
    @DisplayName("flat positions and unknown mark prices, as exchanges report them, render as 0 and null with ccxt symbols intact")
    void flatPositionsRender() {
        RiskState risk = RiskState.newBuilder(AdvisorFixtures.risk("bot-1", 1, false, false, 1.0)).setPositions(List.of(
                PositionState.newBuilder().setSymbol("ETHUSDT").setQty(0).setMarkPrice(null).build(),
                PositionState.newBuilder().setSymbol("BTC/USDT:USDT").setQty(-0.25).setAvgPrice(97_000).setMarkPrice(96_500.0)
                        .setExposure(24_125).build())).build();

        AdvisorPrompt prompt = AdvisorPrompt.of(AdvisorFixtures.view(AdvisorFixtures.snapshot("bot-1", "s-1"), risk),
                1_700_000_001_000L, 0.25);

        JsonNode positions = JsonMapper.builder().build().readTree(prompt.user()).at("/risk/largest_positions");
        assertThat(positions.get(0).get("symbol").asString()).isEqualTo("BTC/USDT:USDT");
        assertThat(positions.get(1).get("qty").asDouble()).isZero();
        assertThat(positions.get(1).get("mark_price").isNull()).isTrue();
    }
}
