package com.quantumedge.supervisor.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientsProbe;
import com.quantumedge.supervisor.sink.TsdbSinkApplication;

class EveryClientFromSpringKafkaTest {

    @Test
    @DisplayName("every Kafka client tsdb-sink builds (consumer, dead-letter producer) has the security settings given as spring.kafka.*")
    void everyClientHasTheSpringKafkaSettings() {
        // The broker, ClickHouse and their own clients first, outside the probe.
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        String clickHouse = SharedClickHouse.url();
        String group = SharedKafkaBroker.uniqueName("sink-probe");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--supervisor.tsdb-sink.clickhouse-url=" + clickHouse,
                "--supervisor.tsdb-sink.database=" + SharedClickHouse.uniqueDatabase(),
                "--supervisor.tsdb-sink.group-id=" + group));
        args.addAll(KafkaClientsProbe.springArguments());
        try (KafkaClientsProbe probe = KafkaClientsProbe.open();
                ConfigurableApplicationContext context = SpringApplication.run(TsdbSinkApplication.class, args.toArray(String[]::new))) {
            // The loop builds its clients on its own thread, once the database is migrated.
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(probe.clientIds()).contains(group + "-consumer", group + "-dlq"));
            assertThat(probe.lacking()).isEmpty();
        }
    }
}
