package com.quantumedge.supervisor.agent;

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
import com.quantumedge.supervisor.schemas.kafka.KafkaClientsProbe;

class EveryClientFromSpringKafkaTest {

    @Test
    @DisplayName("every Kafka client process-agent builds has the security settings given as spring.kafka.*")
    void everyClientHasTheSpringKafkaSettings() {
        String bootstrap = SharedKafkaBroker.bootstrapServers(); // the broker and its own admin client first, outside the probe
        String agent = SharedKafkaBroker.uniqueName("agent-probe");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--supervisor.agent.agent-id=" + agent, "--supervisor.agent.data-dir=target/" + agent));
        args.addAll(KafkaClientsProbe.springArguments());
        try (KafkaClientsProbe probe = KafkaClientsProbe.open();
                ConfigurableApplicationContext context = SpringApplication.run(ProcessAgentApplication.class, args.toArray(String[]::new))) {
            // The control command consumer is started by its supervisor, on its own thread.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.clients())
                    .filteredOn(c -> c.clientId().equals("process-agent-" + agent))
                    .extracting(KafkaClientsProbe.Client::kind).contains("ProducerConfig", "ConsumerConfig"));
            assertThat(probe.clientIds()).contains("process-agent-" + agent + "-dlq-1");
            assertThat(probe.lacking()).isEmpty();
        }
    }
}
