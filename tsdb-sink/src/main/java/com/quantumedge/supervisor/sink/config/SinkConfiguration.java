package com.quantumedge.supervisor.sink.config;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;
import com.quantumedge.supervisor.sink.ingest.SinkMetrics;

/** Wiring only: the sink itself is plain code in the feature packages. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "supervisor.tsdb-sink", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SinkConfiguration {

    @Bean(destroyMethod = "close")
    ClickHouse clickHouse(SinkProperties props) {
        return ClickHouse.connect(props.clickhouseUrl(), props.clickhouseUser(), props.clickhousePassword(),
                props.clickhouseTimeout());
    }

    @Bean
    TableLayouts tableLayouts(SinkProperties props) {
        return TableLayouts.forCatalog(props.excludedTopics());
    }

    @Bean
    SinkMetrics sinkMetrics(MeterRegistry registry) {
        return new SinkMetrics(registry);
    }

    /** What the sink's Kafka clients are built from: {@code spring.kafka.*}. */
    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka) {
        return KafkaClientSettings.from(kafka);
    }

    /** A {@link SinkLoop.BeforeCommit} bean, if any, runs before each commit (tests use it to inject failures). */
    @Bean
    SinkService sinkService(SinkProperties props, KafkaClientSettings kafka, ClickHouse clickHouse, TableLayouts layouts,
            SinkMetrics metrics, ObjectProvider<SinkLoop.BeforeCommit> beforeCommit) {
        return new SinkService(props, kafka, clickHouse, layouts, metrics, beforeCommit.getIfAvailable(() -> offsets -> { }));
    }

    /** ClickHouse reachability in /actuator/health (not in liveness or readiness: an outage means lag, not restart). */
    @Bean
    HealthIndicator clickhouseHealth(ClickHouse clickHouse, SinkProperties props) {
        return () -> clickHouse.ping()
                ? Health.up().withDetail("url", props.clickhouseUrl()).build()
                : Health.down().withDetail("url", props.clickhouseUrl()).build();
    }
}
