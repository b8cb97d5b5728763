package com.quantumedge.supervisor.policy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.policy.PolicyServiceApplication;
import com.quantumedge.supervisor.policy.topology.PolicyDriver;
import com.quantumedge.supervisor.schemas.Topics;

@DisplayName("Tick source")
class TickSourceIntegrationTest {

    @Test
    @DisplayName("a bot known only from one heartbeat gets ticks from the tick source, and one of those ticks is what restarts it")
    void ticksDriveTheClock() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (ConfigurableApplicationContext context = SpringApplication.run(PolicyServiceApplication.class,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--logging.structured.format.console=",
                "--supervisor.policy.streams.application-id=" + SharedKafkaBroker.uniqueName("policy-ticks"),
                "--supervisor.policy.streams.state-dir=target/policy-ticks-state",
                "--supervisor.policy.ticks.interval=250ms",
                "--supervisor.policy.heartbeat.stale-after=1s",
                "--supervisor.policy.heartbeat.restart-after=2s");
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), null, now, bot,
                    Topics.HEARTBEATS.valueSerde().serializer().serialize(Topics.HEARTBEATS.name(), PolicyDriver.heartbeatOf(bot, now))));
            producer.flush();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(Topics.CONTROL_COMMANDS, bot)).extracting(r -> r.value().getCommandType())
                            .contains(CommandType.RESTART));
            List<ConsumerRecord<String, Tick>> ticks = TopicReader.readAll(Topics.TICKS, bot);
            long restartTs = TopicReader.readAll(Topics.CONTROL_COMMANDS, bot).get(0).value().getTsMs();
            assertThat(ticks).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.value().getSource()).isEqualTo("policy-tick-source"))
                    .extracting(t -> t.value().getTsMs()).contains(restartTs);
        }
    }
}
