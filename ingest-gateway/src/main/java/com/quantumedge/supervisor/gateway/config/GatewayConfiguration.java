package com.quantumedge.supervisor.gateway.config;

import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import com.quantumedge.supervisor.gateway.kafka.BrokerConnectivity;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.gateway.order.DecisionListener;
import com.quantumedge.supervisor.gateway.tsdb.NoTsdbConfigured;
import com.quantumedge.supervisor.gateway.tsdb.TsdbStatusSource;
import com.quantumedge.supervisor.gateway.views.LiveViews;
import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.resources.LoopResources;

/**
 * Wires the Kafka clients of the gateway, every one from {@code spring.kafka.*} ({@link KafkaClientSettings});
 * each starts on creation and closes on shutdown. The listeners run supervised ({@link SupervisedListener}).
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    InstanceId instanceId(GatewayProperties properties) {
        String configured = properties.instanceId();
        return new InstanceId(configured == null || configured.isBlank()
                ? "gateway-" + UUID.randomUUID().toString().substring(0, 8)
                : configured);
    }

    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka) {
        return KafkaClientSettings.from(kafka);
    }

    /** Readiness contributor {@code kafka}: is the broker answering. */
    @Bean(destroyMethod = "close")
    BrokerConnectivity kafka(KafkaClientSettings kafka, GatewayProperties properties) {
        BrokerConnectivity connectivity = new BrokerConnectivity(kafka, properties.producer().brokerCheckInterval());
        connectivity.start();
        return connectivity;
    }

    @Bean(destroyMethod = "close")
    RecordPublisher recordPublisher(KafkaClientSettings kafkaClientSettings, GatewayProperties properties,
            BrokerConnectivity kafka, MeterRegistry meters) {
        RecordPublisher publisher = new RecordPublisher(kafkaClientSettings, properties.producer(), kafka, meters);
        publisher.warmUp(Topics.HEARTBEATS, Topics.ORDER_REQUESTS, Topics.EXECUTIONS, Topics.OPERATOR_COMMANDS);
        return publisher;
    }

    @Bean
    DecisionListener decisionListener(MeterRegistry meters) {
        return new DecisionListener(meters);
    }

    /** The decision listener's supervised consumer; the readiness contributor {@code replies}: positioned, so no reply can be missed. */
    @Bean(name = "replies", destroyMethod = "close")
    SupervisedListener replies(DecisionListener listener, KafkaClientSettings kafka, InstanceId instanceId,
            GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.OrderCheck settings = properties.orderCheck();
        SupervisedListener supervised = listener.supervised(kafka, instanceId.value(),
                new RestartBackoff(settings.listenerRestartBackoff(), settings.listenerRestartBackoffMax()), meters);
        supervised.start();
        return supervised;
    }

    @Bean
    LiveViews liveViews(GatewayProperties properties, MeterRegistry meters) {
        return new LiveViews(properties.views(), meters);
    }

    /** The live views' supervised consumer; the readiness contributor {@code views}: caught up with what the topics held at start. */
    @Bean(name = "views", destroyMethod = "close")
    SupervisedListener views(LiveViews views, KafkaClientSettings kafka, MeterRegistry meters) {
        SupervisedListener supervised = views.supervised(kafka, meters);
        supervised.start();
        return supervised;
    }

    /**
     * Netty event loops owned by this context, not Reactor's JVM-global ones: several services (or
     * gateway replicas) share one JVM under the launcher and in tests, and closing one context must
     * not dispose the loops the others' servers run on. One loop per core by default (Reactor's own
     * default is at least 4): on a small host, extra loops only add context switches under load.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory(GatewayProperties properties) {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        int ioThreads = properties.http().effectiveIoThreads();
        factory.setLoopResourcesSupplier(() -> LoopResources.create("webflux-http", ioThreads, true));
        return factory;
    }

    @Bean
    // Ordering-independent (unlike @ConditionalOnMissingBean in user configuration): the ClickHouse
    // source in history.TsdbConfiguration exists exactly when the URL is set.
    @ConditionalOnExpression("'${supervisor.gateway.tsdb.clickhouse-url:}'.isBlank()")
    TsdbStatusSource tsdbStatusSource() {
        return new NoTsdbConfigured();
    }
}
