package com.quantumedge.supervisor.policy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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

@DisplayName("Alert settings")
class AlertsPropertiesTest {

    private static AlertsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("supervisor.policy.alerts", Bindable.of(AlertsProperties.class));
    }

    private static Set<ConstraintViolation<AlertsProperties>> violations(AlertsProperties settings) {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            return factory.getValidator().validate(settings);
        }
    }

    @Test
    @DisplayName("by default alerts run without an Alertmanager: resend every 30 s, 5 s timeout, backoff 1 s to 30 s, resolved sent for 1 h")
    void defaults() {
        AlertsProperties settings = bind(Map.of());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.alertmanagerUrls()).isEmpty();
        assertThat(settings.resendInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.backoff().initial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff().max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.resolvedRetention()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.deadLetterQuietPeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(violations(settings)).isEmpty();
    }

    @Test
    @DisplayName("alertmanager-urls takes a comma-separated list (an HA pair), and an empty value means none")
    void urls() {
        assertThat(bind(Map.of("supervisor.policy.alerts.alertmanager-urls", "http://am-1:9093,http://am-2:9093")).alertmanagerUrls())
                .containsExactly(URI.create("http://am-1:9093"), URI.create("http://am-2:9093"));
        assertThat(bind(Map.of("supervisor.policy.alerts.alertmanager-urls", "")).alertmanagerUrls()).isEmpty();
    }

    @Test
    @DisplayName("a URL that is not http(s), a zero resend interval or a backoff above its maximum is invalid")
    void invalid() {
        assertThat(violations(bind(Map.of("supervisor.policy.alerts.alertmanager-urls", "am-1:9093")))).extracting(ConstraintViolation::getMessage)
                .containsExactly("alertmanager-urls must be http:// or https:// URLs");
        assertThat(violations(bind(Map.of("supervisor.policy.alerts.resend-interval", "0s")))).isNotEmpty();
        assertThat(violations(bind(Map.of("supervisor.policy.alerts.backoff.initial", "1m")))).extracting(ConstraintViolation::getMessage)
                .containsExactly("backoff needs 0 < initial <= max");
    }
}
