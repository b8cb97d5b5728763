package com.quantumedge.supervisor.runtime.streams;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** Imported by the services that run Kafka Streams apps ({@code @Import}); they provide the {@link KafkaClientSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamsSupervisionProperties.class)
public class StreamsRuntimeConfiguration {

    @Bean
    StreamsRuntime streamsRuntime(KafkaClientSettings kafka, MeterRegistry registry, StreamsSupervisionProperties supervision) {
        return new StreamsRuntime(kafka, registry, supervision);
    }
}
