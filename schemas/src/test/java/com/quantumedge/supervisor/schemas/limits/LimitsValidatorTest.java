package com.quantumedge.supervisor.schemas.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.avro.SymbolLimits;

class LimitsValidatorTest {

    static {
        GeneratedClasses.trust();
    }

    private static RiskLimits with(UnaryOperator<RiskLimits.Builder> change) {
        return change.apply(RiskLimits.newBuilder().setEventId("e").setBotId("bot-a").setTsMs(1).setVersion(1)
                .setUpdatedBy("ops")).build();
    }

    private static Arguments bad(String field, UnaryOperator<RiskLimits.Builder> change) {
        return Arguments.of(field, change);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("max_order_qty", b -> b.setMaxOrderQty(-1.0)),
                bad("max_order_qty", b -> b.setMaxOrderQty(0.0)),
                bad("max_order_notional", b -> b.setMaxOrderNotional(Double.NaN)),
                bad("max_leverage", b -> b.setMaxLeverage(Double.POSITIVE_INFINITY)),
                bad("max_gross_exposure", b -> b.setMaxGrossExposure(Double.NEGATIVE_INFINITY)),
                bad("max_open_orders", b -> b.setMaxOpenOrders(-1)),
                bad("max_submits_per_window", b -> b.setMaxSubmitsPerWindow(-5)),
                bad("submit_window_ms", b -> b.setSubmitWindowMs(0L)),
                bad("max_price_age_ms", b -> b.setMaxPriceAgeMs(-1L)),
                bad("max_risk_multiplier", b -> b.setMaxRiskMultiplier(0.0)),
                bad("max_order_notional_pct_equity", b -> b.setMaxOrderNotionalPctEquity(100.5)),
                bad("max_order_notional_pct_equity", b -> b.setMaxOrderNotionalPctEquity(-25.0)),
                bad("max_daily_loss_pct", b -> b.setMaxDailyLossPct(101.0)),
                bad("max_drawdown_pct", b -> b.setMaxDrawdownPct(150.0)),
                bad("max_gross_exposure_x_equity", b -> b.setMaxGrossExposureXEquity(Double.NaN)),
                bad("max_symbol_exposure_x_equity", b -> b.setMaxSymbolExposureXEquity(-2.0)),
                bad("disabled_checks", b -> b.setDisabledChecks(List.of("DRAWDOWN_LIMIT", "TRADING_HALTED"))),
                bad("symbols.ETHUSDT.max_order_qty", b -> b.setSymbols(Map.of("ETHUSDT",
                        SymbolLimits.newBuilder().setMaxOrderQty(-3.0).build()))),
                bad("symbols.BTCUSDT.price_collar_pct", b -> b.setSymbols(Map.of("BTCUSDT",
                        SymbolLimits.newBuilder().setPriceCollarPct(Double.NaN).build()))),
                bad("symbols", b -> b.setSymbols(Map.of(" ", SymbolLimits.newBuilder().build()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    @DisplayName("an invalid limit is refused, naming its field")
    void refusesNamingTheField(String field, UnaryOperator<RiskLimits.Builder> change) {
        assertThat(LimitsValidator.validate(with(change))).extracting(LimitViolation::field).containsExactly(field);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("nothing set", (UnaryOperator<RiskLimits.Builder>) b -> b),
                Arguments.of("the built-in defaults", (UnaryOperator<RiskLimits.Builder>) b -> RiskLimits.newBuilder(BuiltinLimits.record())),
                Arguments.of("100% of equity and 100% loss", (UnaryOperator<RiskLimits.Builder>) b -> b.setMaxOrderNotionalPctEquity(100.0)
                        .setMaxDailyLossPct(100.0).setMaxDrawdownPct(100.0)),
                Arguments.of("zero open orders (no new order)", (UnaryOperator<RiskLimits.Builder>) b -> b.setMaxOpenOrders(0)),
                Arguments.of("every check switched off", (UnaryOperator<RiskLimits.Builder>) b -> b.setDisabledChecks(
                        Stream.of(LimitCheck.values()).map(Enum::name).toList())),
                Arguments.of("a price collar over 100%", (UnaryOperator<RiskLimits.Builder>) b -> b.setPriceCollarPct(150.0)),
                Arguments.of("a multiple of equity over 100", (UnaryOperator<RiskLimits.Builder>) b -> b.setMaxGrossExposureXEquity(125.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    @DisplayName("valid records pass")
    void accepts(String title, UnaryOperator<RiskLimits.Builder> change) {
        assertThat(LimitsValidator.validate(with(change))).isEmpty();
    }

    @Test
    @DisplayName("a non-positive limit's message says how to switch its check off instead")
    void zeroPointsToDisabledChecks() {
        assertThat(LimitsValidator.validate(with(b -> b.setMaxLeverage(0.0)))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("LEVERAGE_EXCEEDS_MAX").contains("disabled_checks"));
    }
}
