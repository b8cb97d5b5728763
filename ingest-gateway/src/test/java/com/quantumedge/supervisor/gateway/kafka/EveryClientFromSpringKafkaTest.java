package com.quantumedge.supervisor.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientsProbe;

class EveryClientFromSpringKafkaTest {

    @Test
    @DisplayName("every Kafka client the gateway builds has the security settings given as spring.kafka.*")
    void everyClientHasTheSpringKafkaSettings() {
        String bootstrap = SharedKafkaBroker.bootstrapServers(); // the broker and its own admin client first, outside the probe
        String instance = SharedKafkaBroker.uniqueName("probe");
        List<String> args = new ArrayList<>(KafkaClientsProbe.springArguments());
        args.add("--supervisor.gateway.instance-id=" + instance);
        // The ClickHouse-backed status needs its own admin client; nothing connects to ClickHouse at startup.
        args.add("--supervisor.gateway.tsdb.clickhouse-url=http://127.0.0.1:9");
        try (KafkaClientsProbe probe = KafkaClientsProbe.open();
                RunningGateway gateway = RunningGateway.start(bootstrap, List.of(),
                        args.toArray(String[]::new))) {
            // The listeners' consumers are started by their supervisors, on their own threads.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.clientIds()).contains(
                    "ingest-gateway-orders", "ingest-gateway", "gateway-broker-check",
                    "gateway-decisions-" + instance, "gateway-decisions-dlq-" + instance + "-1", "gateway-views", "gateway-views-dlq-1",
                    "gateway-limits", "gateway-limits-dlq-1", "gateway-tsdb-lag"));
            assertThat(probe.lacking()).isEmpty();
        }
    }
}
