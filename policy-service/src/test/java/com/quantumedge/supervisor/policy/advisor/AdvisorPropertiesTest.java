package com.quantumedge.supervisor.policy.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

@DisplayName("Advisor settings")
class AdvisorPropertiesTest {

    private static AdvisorProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("supervisor.policy.advisor", Bindable.of(AdvisorProperties.class));
    }

    private static Set<ConstraintViolation<AdvisorProperties>> violations(AdvisorProperties settings) {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            return factory.getValidator().validate(settings);
        }
    }

    @Test
    @DisplayName("by default the advisor is off, and would advise only: every 15 min, 20 s timeout, 3 attempts, floor 0.25")
    void defaults() {
        AdvisorProperties settings = bind(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.mode()).isEqualTo(TrustMode.ADVISE);
        assertThat(settings.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.apiKeyEnv()).isEqualTo("ADVISOR_API_KEY");
        assertThat(settings.minRiskMultiplier()).isEqualTo(0.25);
        assertThat(settings.retry().maxAttempts()).isEqualTo(3);
        assertThat(settings.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.circuitBreaker().openFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(violations(settings)).isEmpty();
    }

    @Test
    @DisplayName("enabled without base-url and model is invalid, naming both")
    void enabledNeedsEndpoint() {
        AdvisorProperties settings = bind(Map.of("supervisor.policy.advisor.enabled", "true"));

        assertThat(violations(settings)).extracting(ConstraintViolation::getMessage)
                .containsExactly("base-url (http:// or https://) and model are required when the advisor is enabled");
    }

    @Test
    @DisplayName("mode binds case-insensitively and a floor above 1 is invalid")
    void modeAndFloor() {
        AdvisorProperties settings = bind(Map.of(
                "supervisor.policy.advisor.enabled", "true",
                "supervisor.policy.advisor.mode", "apply",
                "supervisor.policy.advisor.base-url", "http://127.0.0.1:11434/v1",
                "supervisor.policy.advisor.model", "llama3",
                "supervisor.policy.advisor.min-risk-multiplier", "1.5"));

        assertThat(settings.mode()).isEqualTo(TrustMode.APPLY);
        assertThat(violations(settings)).extracting(v -> v.getPropertyPath().toString()).containsExactly("minRiskMultiplier");
    }

    @Test
    @DisplayName("the API key never shows in text")
    void apiKeyHidden() {
        assertThat(ApiKey.of("sk-secret-123").toString()).doesNotContain("sk-secret").isEqualTo("ApiKey[****]");
        assertThat(ApiKey.of("  ").isPresent()).isFalse();
    }
}
