package com.quantumedge.supervisor.policy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.policy.PolicyServiceApplication;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientsProbe;

class EveryClientFromSpringKafkaTest {

    @Test
    @DisplayName("every Kafka client policy-service builds (streams, tick source, advisor) has the security settings given as spring.kafka.*")
    void everyClientHasTheSpringKafkaSettings() {
        String bootstrap = SharedKafkaBroker.bootstrapServers(); // the broker and its own admin client first, outside the probe
        String appId = SharedKafkaBroker.uniqueName("policy-probe");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--supervisor.policy.streams.application-id=" + appId, "--supervisor.policy.streams.state-dir=target/" + appId,
                // The advisor builds its clients on start; nothing calls the model here.
                "--supervisor.policy.advisor.enabled=true", "--supervisor.policy.advisor.base-url=http://127.0.0.1:9",
                "--supervisor.policy.advisor.model=probe", "--supervisor.policy.advisor.interval=1h",
                "--supervisor.policy.advisor.consumer-group=" + SharedKafkaBroker.uniqueName("advisor-probe")));
        args.addAll(KafkaClientsProbe.springArguments());
        try (KafkaClientsProbe probe = KafkaClientsProbe.open();
                ConfigurableApplicationContext context = SpringApplication.run(PolicyServiceApplication.class, args.toArray(String[]::new))) {
            // The advisor's input consumer is started by its supervisor, on its own thread.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.clientIds())
                    .contains("policy-tick-source", "policy-advisor", "policy-advisor-inputs", "policy-advisor-inputs-dlq-1"));
            assertThat(probe.clientIds()).filteredOn(id -> id.startsWith(appId))
                    .anyMatch(id -> id.endsWith("-StreamThread-1-consumer")).anyMatch(id -> id.endsWith("-StreamThread-1-producer"))
                    .anyMatch(id -> id.endsWith("-admin"));
            assertThat(probe.lacking()).isEmpty();
        }
    }
}
