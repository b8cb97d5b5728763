package com.quantumedge.supervisor.risk.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.RiskStreamApplication;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientsProbe;

class EveryClientFromSpringKafkaTest {

    @Test
    @DisplayName("every Kafka client risk-stream builds, its Kafka Streams clients included, has the security settings given as spring.kafka.*")
    void everyClientHasTheSpringKafkaSettings() {
        String bootstrap = SharedKafkaBroker.bootstrapServers(); // the broker and its own admin client first, outside the probe
        String appId = SharedKafkaBroker.uniqueName("risk-probe");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--supervisor.risk.streams.application-id=" + appId, "--supervisor.risk.streams.state-dir=target/" + appId,
                // A bot of its own, so the limits publisher has a change to publish (its producer is built only then).
                "--supervisor.risk.limits.bots." + SharedKafkaBroker.uniqueName("bot") + ".max-order-qty=2"));
        args.addAll(KafkaClientsProbe.springArguments());
        try (KafkaClientsProbe probe = KafkaClientsProbe.open();
                ConfigurableApplicationContext context = SpringApplication.run(RiskStreamApplication.class, args.toArray(String[]::new))) {
            assertThat(probe.clients()).filteredOn(c -> c.clientId().equals("risk-limits-publisher"))
                    .extracting(KafkaClientsProbe.Client::kind).contains("ProducerConfig", "ConsumerConfig");
            assertThat(probe.clientIds()).filteredOn(id -> id.startsWith(appId))
                    .anyMatch(id -> id.endsWith("-StreamThread-1-consumer")).anyMatch(id -> id.endsWith("-StreamThread-1-producer"))
                    .anyMatch(id -> id.endsWith("-restore-consumer")).anyMatch(id -> id.endsWith("-global-consumer"))
                    .anyMatch(id -> id.endsWith("-admin"));
            assertThat(probe.lacking()).isEmpty();
        }
    }
}
