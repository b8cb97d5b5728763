package com.quantumedge.supervisor.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.ingest.SinkSettings;

class SinkPropertiesTest {

    @Test
    @DisplayName("the documented defaults are what SinkSettings.defaults holds (the benchmark runs the sink with those)")
    void defaultsMatch() {
        assertThat(bind(Map.of()).sinkSettings(KafkaClientSettings.bootstrap("b:9092"))).isEqualTo(SinkSettings.defaults("b:9092", "tsdb-sink", "supervisor"));
    }

    @Test
    @DisplayName("max-batch-rows below batch-rows, max-batch-bytes outside 64KB..1GB, or no writer is refused at start")
    void invalidBatchLimitsRefused() {
        for (Map<String, String> bad : List.of(
                Map.of("supervisor.tsdb-sink.batch-rows", "5000", "supervisor.tsdb-sink.max-batch-rows", "4000"),
                Map.of("supervisor.tsdb-sink.max-batch-bytes", "1KB"),
                Map.of("supervisor.tsdb-sink.max-batch-bytes", "2GB"),
                Map.of("supervisor.tsdb-sink.writers", "0"))) {
            assertThatThrownBy(() -> bind(bad)).as(bad.toString()).isInstanceOf(BindException.class);
        }
        assertThat(bind(Map.of("supervisor.tsdb-sink.max-batch-bytes", "32MB", "supervisor.tsdb-sink.writers", "4"))
                .sinkSettings(KafkaClientSettings.bootstrap("b")).maxBatchBytes()).isEqualTo(32L << 20);
    }

    private static SinkProperties bind(Map<String, String> properties) {
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("supervisor.tsdb-sink",
                    Bindable.of(SinkProperties.class), new ValidationBindHandler(validator));
        }
    }
}
