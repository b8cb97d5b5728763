package com.quantumedge.supervisor.policy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.policy.PolicyServiceApplication;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.replay.CommandDiff;
import com.quantumedge.supervisor.policy.replay.PolicyReplay;
import com.quantumedge.supervisor.policy.replay.RecordedRecord;
import com.quantumedge.supervisor.policy.topology.PolicyDriver;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

@DisplayName("policy-service against a real broker")
class PolicyServiceIntegrationTest {

    static final String BOT = SharedKafkaBroker.uniqueName("bot");
    static ConfigurableApplicationContext context;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        context = SpringApplication.run(PolicyServiceApplication.class,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--logging.structured.format.console=",
                "--supervisor.policy.streams.application-id=" + SharedKafkaBroker.uniqueName("policy-it"),
                "--supervisor.policy.streams.state-dir=target/policy-it-state",
                "--supervisor.policy.ticks.enabled=false",
                "--supervisor.policy.heartbeat.stale-after=1s",
                "--supervisor.policy.heartbeat.restart-after=2s",
                "--supervisor.policy.restart.cooldown=1s");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());

        long base = System.currentTimeMillis();
        send(Topics.HEARTBEATS, PolicyDriver.heartbeatOf(BOT, base), base);
        for (long t = base + 500; t <= base + 3000; t += 500) {
            send(Topics.TICKS, PolicyDriver.tickOf(BOT, t), t);
        }
        producer.flush();
    }

    static <V> void send(TopicSpec<V> topic, V value, long tsMs) {
        producer.send(new ProducerRecord<>(topic.name(), null, tsMs, BOT, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    @AfterAll
    static void stop() {
        producer.close();
        context.close();
    }

    @Test
    @DisplayName("heartbeats then ticks past T2 put a RESTART for the bot on sup.control-commands.v1, and a HEARTBEAT_STALE on sup.events.v1")
    void restartOnControlCommands() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(TopicReader.readAll(Topics.CONTROL_COMMANDS, BOT)).extracting(r -> r.value().getCommandType())
                        .contains(CommandType.RESTART));

        ControlCommand restart = TopicReader.readAll(Topics.CONTROL_COMMANDS, BOT).get(0).value();
        assertThat(restart.getOrigin()).isEqualTo("heartbeat-stale-restart");
        assertThat(restart.getReason()).contains("restart after 2000 ms");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TopicReader.readAll(Topics.EVENTS, BOT)).extracting(r -> r.value().getEventType())
                        .contains(EventType.HEARTBEAT_STALE, EventType.RESTART_REQUESTED));
    }

    @Test
    @DisplayName("replaying the inputs recorded from the broker with the same policy reproduces the recorded commands exactly")
    void recordedTopicsReplayExactly() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                !TopicReader.readAll(Topics.CONTROL_COMMANDS, BOT).isEmpty()
                        && !TopicReader.readAll(Topics.SNAPSHOTS, BOT).isEmpty());
        List<RecordedRecord> inputs = new ArrayList<>();
        for (TopicSpec<?> topic : List.of(Topics.HEARTBEATS, Topics.TICKS, Topics.OPERATOR_COMMANDS, Topics.AGENT_STATUS,
                Topics.RISK_STATE)) {
            for (ConsumerRecord<String, ?> r : TopicReader.readAll(topic, BOT)) {
                inputs.add(RecordedRecord.of(r.topic(), r.key(), r.value(), r.timestamp()));
            }
        }
        List<ControlCommand> recorded = TopicReader.readAll(Topics.CONTROL_COMMANDS, BOT).stream()
                .map(ConsumerRecord::value).toList();
        List<SupervisorEvent> recordedEvents = TopicReader.readAll(Topics.EVENTS, BOT).stream()
                .map(ConsumerRecord::value).toList();

        PolicyConfig samePolicy = context.getBean(PolicyConfig.class);
        PolicyReplay replay = new PolicyReplay(samePolicy);
        CommandDiff diff = replay.diff(PolicyReplay.inTimestampOrder(inputs), recorded);

        assertThat(diff.isEmpty()).as(diff.describe()).isTrue();
        assertThat(diff.reproducedRatio()).isEqualTo(1.0);
        assertThat(replay.run(PolicyReplay.inTimestampOrder(inputs)).events()).isEqualTo(recordedEvents);
    }
}
