package com.quantumedge.supervisor.policy.advisor;

import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.localkafka.testing.ConsumerFailureInjection;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

@DisplayName("The advisor's input consumer against a real broker")
class AdvisorInputConsumerTest {

    @Test
    @DisplayName("on start it re-reads the lookback: the bot's snapshot is known but left to llm-checks, and only commands sent since are taken")
    void rereadsInputsButNotCommands() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafkaBroker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topics.SNAPSHOTS, bot, snapshot(bot, "before-start"));
            send(producer, Topics.OPERATOR_COMMANDS, bot, llmCheck(bot, "sent-before-start"));

            AdvisorInputs inputs = new AdvisorInputs(10);
            List<OperatorCommand> checks = new CopyOnWriteArrayList<>();
            try (SupervisedListener consumer = new AdvisorInputConsumer(inputs, checks::add, Duration.ofMinutes(10))
                    .supervised(KafkaClientSettings.bootstrap(SharedKafkaBroker.bootstrapServers()),
                            SharedKafkaBroker.uniqueName("advisor-inputs"), new SimpleMeterRegistry())) {
                consumer.start();

                await().atMost(Duration.ofSeconds(30)).until(() -> inputs.view(bot) != null);
                assertThat(inputs.view(bot).snapshot().getEventId()).isEqualTo("before-start");
                assertThat(inputs.view(bot).snapshotReread()).isTrue();
                assertThat(inputs.advisable()).extracting(BotView::botId).doesNotContain(bot);

                send(producer, Topics.OPERATOR_COMMANDS, bot, llmCheck(bot, "sent-after-start"));
                send(producer, Topics.SNAPSHOTS, bot, snapshot(bot, "after-start"));

                await().atMost(Duration.ofSeconds(30)).until(() -> "after-start".equals(inputs.view(bot).snapshot().getEventId()));
                assertThat(inputs.advisable()).extracting(BotView::botId).contains(bot);
                await().atMost(Duration.ofSeconds(10)).until(() -> !checks.isEmpty());
                assertThat(checks).extracting(OperatorCommand::getCommandId).containsExactly("sent-after-start");
            }
        }
    }

    @Test
    @DisplayName("a dead input consumer: readiness DOWN, replaced after the backoff and counted, UP again; later inputs and an undecodable one skipped")
    void replacesADeadConsumer() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        String group = SharedKafkaBroker.uniqueName("advisor-restart");
        KafkaProperties spring = new KafkaProperties();
        spring.setBootstrapServers(List.of(SharedKafkaBroker.bootstrapServers()));
        spring.getConsumer().getProperties().putAll(ConsumerFailureInjection.CONFIG);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AdvisorInputs inputs = new AdvisorInputs(10);
        List<OperatorCommand> checks = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafkaBroker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
                SupervisedListener consumer = new AdvisorInputConsumer(inputs, checks::add, Duration.ofMinutes(10))
                        .supervised(KafkaClientSettings.from(spring), group, meters)) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.health().getStatus().equals(Status.UP));
            send(producer, Topics.SNAPSHOTS, bot, snapshot(bot, "first"));
            await().atMost(Duration.ofSeconds(30)).until(() -> inputs.view(bot) != null);

            ConsumerFailureInjection.arm("policy-advisor-inputs", new ConsumerFailureInjection.InjectedFailure("injected: advisor consumer broke"));
            send(producer, Topics.SNAPSHOTS, bot, snapshot(bot, "in-the-failed-poll"));
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.health().getStatus().equals(Status.DOWN));
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.health().getStatus().equals(Status.UP));
            assertThat(meters.counter(SupervisedListeners.RESTARTS_METRIC, "listener", AdvisorInputConsumer.READINESS).count())
                    .isEqualTo(1);

            producer.send(new ProducerRecord<>(Topics.SNAPSHOTS.name(), bot, "not a snapshot".getBytes())).get();
            send(producer, Topics.SNAPSHOTS, bot, snapshot(bot, "after-restart"));
            await().atMost(Duration.ofSeconds(30)).until(() -> "after-restart".equals(inputs.view(bot).snapshot().getEventId()));
            assertThat(consumer.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    private static OperatorCommand llmCheck(String bot, String commandId) {
        return OperatorCommand.newBuilder().setEventId(commandId).setBotId(bot).setTsMs(System.currentTimeMillis())
                .setCommandId(commandId).setCommandType(CommandType.LLM_CHECK).setIssuedBy("alice")
                .setReason("r").setArgs(Map.of()).setSource("HTTP").build();
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, TopicSpec<V> topic, String bot, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), bot, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }
}
