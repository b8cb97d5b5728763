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

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

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
            try (AdvisorInputConsumer consumer = new AdvisorInputConsumer(KafkaClientSettings.bootstrap(SharedKafkaBroker.bootstrapServers()),
                    SharedKafkaBroker.uniqueName("advisor-inputs"), inputs, checks::add, Duration.ofMinutes(10))) {
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

    private static OperatorCommand llmCheck(String bot, String commandId) {
        return OperatorCommand.newBuilder().setEventId(commandId).setBotId(bot).setTsMs(System.currentTimeMillis())
                .setCommandId(commandId).setCommandType(CommandType.LLM_CHECK).setIssuedBy("alice")
                .setReason("r").setArgs(Map.of()).setSource("HTTP").build();
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, TopicSpec<V> topic, String bot, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), bot, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }
}
