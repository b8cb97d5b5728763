package com.quantumedge.supervisor.risk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Per-symbol limits in configuration are keyed by the symbol exactly as the bot sends it. */
class SymbolLimitKeysTest {

    private static final String SYMBOLS = "supervisor.risk.limits.defaults.symbols";

    private static RiskStreamProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("supervisor.risk", Bindable.of(RiskStreamProperties.class));
    }

    private static Set<ConstraintViolation<RiskStreamProperties>> violations(RiskStreamProperties properties) {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            return factory.getValidator().validate(properties);
        }
    }

    @Test
    @DisplayName("bracketed keys keep ccxt and exchange symbols exactly, case included")
    void bracketedKeysAreExact() {
        RiskStreamProperties p = bind(Map.of(
                SYMBOLS + "[BTC/USDT:USDT].max-order-qty", "5",
                SYMBOLS + "[BTC-27DEC24-100000-C].max-order-qty", "2",
                SYMBOLS + "[pf_xbtusd].max-order-qty", "1"));

        assertThat(p.limits().defaults().symbols()).containsOnlyKeys("BTC/USDT:USDT", "BTC-27DEC24-100000-C", "pf_xbtusd");
        assertThat(violations(p)).isEmpty();
    }

    @Test
    @DisplayName("a key outside the symbol grammar is a configuration error naming the grammar")
    void badKeyIsInvalid() {
        RiskStreamProperties p = bind(Map.of(
                SYMBOLS + "[BTC USDT].max-order-qty", "5",
                "supervisor.risk.limits.bots.bot-1.symbols[BTC//USDT].max-order-qty", "5"));

        assertThat(violations(p)).extracting(ConstraintViolation::getMessage).hasSize(2)
                .allSatisfy(m -> assertThat(m).startsWith("symbol key must be 1 to 64"));
    }
}
